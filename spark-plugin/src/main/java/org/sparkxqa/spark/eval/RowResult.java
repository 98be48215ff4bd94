package org.sparkxqa.spark.eval;

/**
 * The outcome of one row: {@code out} ({@code [Lq, Hq, D]} in the q type) or, for an invalid row
 * under {@link InvalidRowPolicy#NULL}, a null {@code out} and the reason in {@code error}.
 */
public record RowResult(byte[] out, String error) {

    public static RowResult ok(byte[] out) {
        return new RowResult(out, null);
    }

    public static RowResult invalid(String reason) {
        return new RowResult(null, reason);
    }
}
