package org.sparkxqa.core.reference;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;

/**
 * docs/DESIGN.md §1 written plainly in float64: per (query token, query head) the visible keys' scores
 * {@code scale * q·k}, a two-pass softmax, the weighted sum of values; a query token that sees no key
 * gives zeros. K and V are dequantised first, in double: real value = stored value × {@code kScale}
 * (or {@code vScale}); both are 1 for 16-bit K/V unless the spec says otherwise. Slow (no chunking); a reference for checking results. Inputs must be valid (see
 * {@link Request#of}). Stateless and thread-safe.
 */
public final class Float64Attention {
    private Float64Attention() {}

    /**
     * The exact output {@code [Lq, Hq, D]} (before rounding to the out type) of one request given as bytes.
     * {@code parents} and {@code packedMask} are alternatives; both null means a chain. The draft structure
     * is decoded by {@link Visibility}, not by the backends' code.
     */
    public static double[] attend(AttentionSpec spec, byte[] q, byte[] k, byte[] v, int[] parents, byte[] packedMask) {
        int lq = q.length / spec.qTokenBytes();
        int lk = k.length / spec.kvTokenBytes();
        return attend(
                spec,
                values(spec.qType(), MemorySegment.ofArray(q), 1f),
                values(spec.kvType(), MemorySegment.ofArray(k), spec.kScale()),
                values(spec.kvType(), MemorySegment.ofArray(v), spec.vScale()),
                Visibility.of(spec, lq, lk, parents, packedMask),
                lq,
                lk);
    }

    /**
     * {@link #attend(AttentionSpec, Request)} of every request of {@code batch}, in order, computed in
     * parallel over the requests (the common fork-join pool), since one large request takes seconds.
     */
    public static List<double[]> attendAll(AttentionSpec spec, List<Request> batch) {
        return batch.parallelStream().map(r -> attend(spec, r)).toList();
    }

    /** The exact output {@code [Lq, Hq, D]} of a validated request (visibility from its mask). */
    public static double[] attend(AttentionSpec spec, Request r) {
        return attend(
                spec,
                values(spec.qType(), r.q(), 1f),
                values(spec.kvType(), r.k(), spec.kScale()),
                values(spec.kvType(), r.v(), spec.vScale()),
                Visibility.of(spec, r),
                r.lq(),
                r.lk());
    }

    private static double[] attend(
            AttentionSpec spec, double[] q, double[] k, double[] v, Visibility sees, int lq, int lk) {
        int hq = spec.qHeads();
        int hkv = spec.kvHeads();
        int dim = spec.headDim();
        double[] out = new double[lq * hq * dim];
        double[] scores = new double[lk];
        for (int i = 0; i < lq; i++) {
            for (int h = 0; h < hq; h++) {
                int kvHead = h / spec.group();
                int qBase = (i * hq + h) * dim;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < lk; j++) {
                    scores[j] = Double.NEGATIVE_INFINITY;
                    if (sees.visible(i, j)) {
                        double dot = 0;
                        for (int d = 0; d < dim; d++) {
                            dot += q[qBase + d] * k[(j * hkv + kvHead) * dim + d];
                        }
                        scores[j] = spec.scale() * dot;
                        max = Math.max(max, scores[j]);
                    }
                }
                if (max == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                double sum = 0;
                for (int j = 0; j < lk; j++) {
                    scores[j] = Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                for (int j = 0; j < lk; j++) {
                    double p = scores[j] / sum;
                    for (int d = 0; d < dim && p != 0; d++) {
                        out[qBase + d] += p * v[(j * hkv + kvHead) * dim + d];
                    }
                }
            }
        }
        return out;
    }

    /**
     * The one place where the reference decodes elements: {@link ElementType}'s own (exact) decoding,
     * widened and multiplied by the dequantisation scale in double.
     */
    static double[] values(ElementType type, MemorySegment bytes, float scale) {
        float[] decoded = type.decodeAll(bytes);
        double[] out = new double[decoded.length];
        for (int i = 0; i < decoded.length; i++) {
            out[i] = (double) decoded[i] * scale;
        }
        return out;
    }
}
