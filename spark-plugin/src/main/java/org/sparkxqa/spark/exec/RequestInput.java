package org.sparkxqa.spark.exec;

/**
 * One row's request data as read from a table, before validation. {@code parents} (a draft tree) and
 * {@code packedMask} are alternatives; both null means a chain. A row whose columns could not even be
 * read as a request (e.g. a NULL inside the tree array) carries that reason in {@code readError}.
 * The arrays are not copied.
 *
 * @param rowId how the row is named in errors, e.g. {@code id=17}
 * @param q query bytes or null
 * @param k key bytes or null
 * @param v value bytes or null
 * @param parents draft-tree parents or null
 * @param packedMask packed XQA mask or null
 * @param readError why the row is invalid before validation, or null
 */
public record RequestInput(
    String rowId, byte[] q, byte[] k, byte[] v, int[] parents, byte[] packedMask, String readError) {

  /** A row that is invalid before validation. */
  public static RequestInput unreadable(String rowId, String reason) {
    return new RequestInput(rowId, null, null, null, null, null, reason);
  }

  /** Bytes this row adds to a batch: q, k and v. */
  public long bytes() {
    return length(q) + length(k) + length(v);
  }

  private static long length(byte[] a) {
    return a == null ? 0 : a.length;
  }
}
