package org.sparkxqa.core.gpu.kernel;

import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.DraftMask;
import org.sparkxqa.core.Request;

/**
 * What the launch plan needs of a request: its lengths and draft mask (not its bytes).
 *
 * @param lq query tokens, 1..64
 * @param lk key/value tokens, lq..2^20
 * @param mask draft visibility, {@code mask.lq() == lq}
 */
public record RequestShape(int lq, int lk, DraftMask mask) {

    public RequestShape {
        if (lq < 1 || lq > AttentionSpec.MAX_Q_LEN || lk < lq || lk > AttentionSpec.MAX_KV_LEN) {
            throw new IllegalArgumentException(
                    "request lengths out of range: Lq=" + lq + ", Lk=" + lk + " (need 1 <= Lq <= "
                            + AttentionSpec.MAX_Q_LEN + ", Lq <= Lk <= " + AttentionSpec.MAX_KV_LEN + ")");
        }
        if (mask == null || mask.lq() != lq) {
            throw new IllegalArgumentException(
                    "draft mask has " + (mask == null ? "no" : mask.lq()) + " rows, Lq=" + lq);
        }
    }

    public static RequestShape of(Request r) {
        return new RequestShape(r.lq(), r.lk(), r.mask());
    }

    /** Committed prefix {@code P = Lk - Lq}. */
    public int prefix() {
        return lk - lq;
    }

    /** First key any row can see: {@code max(0, P - W + 1)} with a window W, else 0. */
    public int firstKey(int window) {
        return window > 0 ? Math.max(0, prefix() - window + 1) : 0;
    }

    /**
     * KV chunks of {@code splitTokens} keys over {@code [firstKey, Lk)}. With the split size of
     * {@link SplitSize#tokens} for this request's own Lq * G rows it depends only on this request and
     * the spec, which keeps the output batch invariant.
     */
    public int splits(int window, int splitTokens) {
        return (lk - firstKey(window) + splitTokens - 1) / splitTokens;
    }
}
