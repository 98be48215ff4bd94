package org.sparkxqa.core.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.DraftMask;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.testing.RandomRequests;

/**
 * The request half of a generated case: lengths, drafts and the seed of its values. The q/k/v bytes
 * are made from {@code valueSeed} on demand (N(0, 1) real values; K/V stored as value / scale), so the
 * case prints as a line and is rebuilt bit for bit from it.
 *
 * @param lq query tokens
 * @param lk key/value tokens
 * @param parents draft tree, or null
 * @param maskRows packed mask as one 64-bit row per query token (bit t: sees draft t), or null;
 *     {@code parents} and {@code maskRows} both null means a chain
 * @param valueSeed seed of the values
 */
public record FuzzRequest(int lq, int lk, List<Integer> parents, List<Long> maskRows, long valueSeed) {

    /** The q, k and v bytes of this request under {@code spec}. */
    public Bytes bytes(AttentionSpec spec) {
        RandomRequests random = new RandomRequests(valueSeed);
        byte[] q = random.normalValues(spec.qType(), lq * spec.qHeads() * spec.headDim(), 1.0);
        byte[] k = random.normalValues(spec.kvType(), lk * spec.kvHeads() * spec.headDim(), 1.0 / spec.kScale());
        byte[] v = random.normalValues(spec.kvType(), lk * spec.kvHeads() * spec.headDim(), 1.0 / spec.vScale());
        return new Bytes(q, k, v);
    }

    /** The validated request. */
    public Request request(AttentionSpec spec) {
        Bytes b = bytes(spec);
        return Request.of(spec, b.q(), b.k(), b.v(), parentArray(), packedMask());
    }

    /** The parents as an array, or null. */
    public int[] parentArray() {
        return parents == null
                ? null
                : parents.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The packed XQA mask ({@code ceil(Lq / 32)} little-endian words per row), or null. */
    public byte[] packedMask() {
        if (maskRows == null) {
            return null;
        }
        int words = DraftMask.wordsPerRow(lq);
        ByteBuffer out = ByteBuffer.allocate(lq * words * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (long row : maskRows) {
            out.putInt((int) row);
            if (words == 2) {
                out.putInt((int) (row >>> 32));
            }
        }
        return out.array();
    }

    @Override
    public String toString() {
        String drafts = parents != null
                ? "tree=" + parents
                : maskRows != null
                        ? "mask=" + maskRows.stream().map(Long::toHexString).toList()
                        : "chain";
        return "Lq=" + lq + " Lk=" + lk + " " + drafts + " values#" + valueSeed;
    }

    /** The encoded q, k and v of a request. */
    public record Bytes(byte[] q, byte[] k, byte[] v) {}
}
