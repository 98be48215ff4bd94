package org.sparkxqa.spark.eval;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One row's request data as read from a table, before validation. {@code parents} (a draft tree) and
 * {@code packedMask} are alternatives; both null means a chain. A row whose columns could not even be
 * read as a request (e.g. a NULL inside the tree array) carries that reason in {@code readError}.
 * q, k and v are views, not copies: of a row's own arrays (the row path) or of a column vector's
 * memory (the columnar path), valid as long as their source is.
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
        String rowId,
        MemorySegment q,
        MemorySegment k,
        MemorySegment v,
        int[] parents,
        byte[] packedMask,
        String readError) {

    /** A row read from arrays (each may be null); the arrays are wrapped, not copied. */
    public RequestInput(
            String rowId, byte[] q, byte[] k, byte[] v, int[] parents, byte[] packedMask, String readError) {
        this(rowId, view(q), view(k), view(v), parents, packedMask, readError);
    }

    /** A row that is invalid before validation. */
    public static RequestInput unreadable(String rowId, String reason) {
        return new RequestInput(rowId, (MemorySegment) null, null, null, null, null, reason);
    }

    /** Bytes this row adds to a batch: q, k and v. */
    public long bytes() {
        return length(q) + length(k) + length(v);
    }

    /**
     * The bytes of {@code s} as an array: the array it views when it spans one whole array (no copy),
     * else a copy; null for null.
     */
    public static byte[] array(MemorySegment s) {
        if (s == null) {
            return null;
        }
        if (s.heapBase().orElse(null) instanceof byte[] a && s.address() == 0 && s.byteSize() == a.length) {
            return a;
        }
        return s.toArray(ValueLayout.JAVA_BYTE);
    }

    private static MemorySegment view(byte[] a) {
        return a == null ? null : MemorySegment.ofArray(a);
    }

    private static long length(MemorySegment s) {
        return s == null ? 0 : s.byteSize();
    }
}
