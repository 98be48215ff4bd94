package org.sparkxqa.spark.eval;

import java.util.SplittableRandom;
import org.sparkxqa.core.AttentionSpec;

/** Small random requests for the evaluator tests. */
final class TestRequests {
    private TestRequests() {}

    static byte[] values(AttentionSpec spec, int tokens, int heads, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[tokens * heads * spec.headDim()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return spec.qType().encodeAll(values);
    }

    /** A valid chain request with {@code lq} drafts and {@code lk} keys. */
    static RequestInput valid(AttentionSpec spec, String id, int lq, int lk, long seed) {
        return new RequestInput(
                id,
                values(spec, lq, spec.qHeads(), seed),
                values(spec, lk, spec.kvHeads(), seed + 1),
                values(spec, lk, spec.kvHeads(), seed + 2),
                null,
                null,
                null);
    }
}
