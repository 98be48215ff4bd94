package org.sparkxqa.core.gpu.kernel;

/**
 * Device addresses of every buffer a launch touches (raw CUDA device pointers, e.g. of cuDF
 * buffers). Sizes come from the {@link LaunchPlan}: q/out {@code qBytes}, k/v {@code kvBytes},
 * tables their array lengths, scratch {@code scratchOBytes}/{@code scratchMlBytes} (at least 1 byte
 * each, they may be unused). All must be 16-byte aligned.
 */
public record DeviceBuffers(
        long q,
        long k,
        long v,
        long out,
        long masks,
        long requests,
        long work,
        long merge,
        long scratchO,
        long scratchMl) {

    public DeviceBuffers {
        long[] all = {q, k, v, out, masks, requests, work, merge, scratchO, scratchMl};
        String[] names = {"q", "k", "v", "out", "masks", "requests", "work", "merge", "scratchO", "scratchMl"};
        for (int i = 0; i < all.length; i++) {
            if (all[i] == 0 || (all[i] & 15) != 0) {
                throw new IllegalArgumentException("device buffer " + names[i] + " at 0x" + Long.toHexString(all[i])
                        + " is null or not 16-byte aligned");
            }
        }
    }
}
