package org.sparkxqa.core.gpu.cudf;

import java.util.ArrayList;
import java.util.List;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.InvalidRequestException;
import org.sparkxqa.core.RequestCheck;
import org.sparkxqa.core.gpu.kernel.RequestPlacement;
import org.sparkxqa.core.gpu.kernel.RequestShape;

/**
 * How requests held as LIST&lt;UINT8&gt; columns (q, k, v: per-row byte offsets into one data buffer
 * each) map onto the kernel's buffers without moving a byte: q's data (from its first row's offset)
 * is the kernel's q buffer and the output rows take the same places, k's and v's data are the K/V
 * buffers. Every row is checked against the contract first ({@link RequestCheck}: whole tokens, equal
 * k and v lengths, Lq and Lk ranges, the tree). Because every row of k and v has the same length and whole tokens, both
 * columns' rows lie at the same token offsets from their first rows. Pure host arithmetic, so it is tested without a GPU. Immutable.
 *
 * @param shapes each row's lengths and draft mask
 * @param placement the rows' token offsets relative to each column's first row
 * @param qFirstByte byte offset of row 0 in q's data (also out's); k's and v's in {@code kFirstByte},
 *     {@code vFirstByte}
 */
public record ListColumnsLayout(
        List<RequestShape> shapes, RequestPlacement placement, long qFirstByte, long kFirstByte, long vFirstByte) {

    /**
     * @param q q's offsets ({@code rows + 1} byte offsets); likewise {@code k} and {@code v}
     * @param parents each row's draft-tree parents, or null for a chain (or a null array: all chains)
     * @throws InvalidRequestException naming the row ({@code row 3: ...}) and the reason
     */
    public static ListColumnsLayout of(AttentionSpec spec, int[] q, int[] k, int[] v, int[][] parents) {
        int rows = q.length - 1;
        if (rows < 1 || k.length != q.length || v.length != q.length || (parents != null && parents.length != rows)) {
            throw new IllegalArgumentException(
                    "q, k, v (and the tree) must have the same number of rows, at least one");
        }
        int qTok = spec.qTokenBytes();
        int kvTok = spec.kvTokenBytes();
        List<RequestShape> shapes = new ArrayList<>(rows);
        int[] qOff = new int[rows];
        long[] kvOff = new long[rows];
        for (int r = 0; r < rows; r++) {
            int[] tree = parents == null ? null : parents[r];
            try {
                RequestShape s = shape(spec, q[r + 1] - q[r], k[r + 1] - k[r], v[r + 1] - v[r], tree);
                shapes.add(s);
                qOff[r] = (q[r] - q[0]) / qTok;
                kvOff[r] = (k[r] - k[0]) / kvTok;
            } catch (InvalidRequestException e) {
                throw InvalidRequestException.atRow(r, e.reason());
            }
        }
        RequestPlacement placement =
                new RequestPlacement(qOff, kvOff, (q[rows] - q[0]) / qTok, (k[rows] - k[0]) / kvTok);
        return new ListColumnsLayout(List.copyOf(shapes), placement, q[0], k[0], v[0]);
    }

    /** Bytes of q's data from row 0 to the end (and of out). */
    public long qBytes(AttentionSpec spec) {
        return (long) placement.qTokens() * spec.qTokenBytes();
    }

    /**
     * The shape of one row from its byte lengths and tree, checked as {@link RequestCheck} checks a
     * row's values (the same reasons).
     *
     * @throws InvalidRequestException with the reason
     */
    static RequestShape shape(AttentionSpec spec, int qBytes, int kBytes, int vBytes, int[] tree) {
        if (qBytes < 0 || kBytes < 0 || vBytes < 0) {
            throw new InvalidRequestException("its offsets decrease (q " + qBytes + ", k " + kBytes + ", v " + vBytes
                    + " bytes): not a valid LIST column");
        }
        RequestCheck c = RequestCheck.of(spec, qBytes, kBytes, vBytes, tree, null);
        return new RequestShape(c.lq(), c.lk(), c.mask());
    }
}
