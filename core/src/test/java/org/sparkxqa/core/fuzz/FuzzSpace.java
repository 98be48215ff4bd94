package org.sparkxqa.core.fuzz;

import java.util.List;
import java.util.stream.IntStream;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.target.KernelVariant;

/**
 * Where the generator draws from: which types and groups a backend supports, how many KV heads, and a
 * work bound that keeps each case cheap for the float64 reference.
 *
 * @param qTypes q/out types
 * @param kvTypes k/v types
 * @param groups groups {@code Hq / Hkv}
 * @param maxKvHeads largest {@code Hkv}
 * @param maxBatch largest number of requests in one call
 * @param maxWork bound on {@code Lq × Hq × Lk × D} of one request (its multiply-adds)
 */
public record FuzzSpace(
        List<ElementType> qTypes,
        List<ElementType> kvTypes,
        List<Integer> groups,
        int maxKvHeads,
        int maxBatch,
        long maxWork) {

    /** Every type, head dim and group of the contract (the CPU backend supports all of them). */
    public static FuzzSpace contract() {
        return new FuzzSpace(
                List.of(ElementType.FP16, ElementType.BF16),
                List.of(ElementType.values()),
                IntStream.rangeClosed(1, AttentionSpec.MAX_GROUP).boxed().toList(),
                3,
                4,
                1_000_000L);
    }

    /**
     * What the CUDA kernel has variants for ({@link KernelVariant}), with the groups the GPU matrix test
     * compiles, so a device run reuses its JIT cache; larger requests than the CPU space, bounded because
     * the float64 reference runs on the host.
     */
    public static FuzzSpace kernel() {
        return new FuzzSpace(
                KernelVariant.Q_TYPES, KernelVariant.KV_TYPES, List.of(1, 2, 3, 4, 8, 16, 32), 2, 6, 10_000_000L);
    }
}
