package org.sparkxqa.core.gpu.cuda;

import org.sparkxqa.core.gpu.target.SmArch;

/**
 * What the driver reports about one GPU. Immutable.
 *
 * @param ordinal device ordinal as the driver numbers it (after {@code CUDA_VISIBLE_DEVICES})
 * @param name e.g. {@code NVIDIA H100 80GB HBM3}
 * @param arch compute capability as {@code sm_XY}
 * @param totalMemoryBytes device memory in bytes
 * @param multiprocessors number of SMs
 * @param maxSharedMemoryPerBlockOptin the most dynamic shared memory a block may opt in to, in bytes
 */
public record DeviceInfo(
        int ordinal,
        String name,
        SmArch arch,
        long totalMemoryBytes,
        int multiprocessors,
        int maxSharedMemoryPerBlockOptin) {

    @Override
    public String toString() {
        return String.format(
                "GPU %d: %s (%s, %.1f GiB, %d SMs)",
                ordinal, name, arch.label(), totalMemoryBytes / (double) (1L << 30), multiprocessors);
    }
}
