package org.sparkxqa.core.gpu.cuda;

/**
 * Grid and block dimensions and dynamic shared memory of one launch. Immutable; validated.
 *
 * @param gridX grid x (1..2^31-1); y and z 1..65535
 * @param blockX threads per block in x; x*y*z at most 1024
 * @param dynamicSharedBytes dynamic shared memory per block in bytes (above 48 KiB needs an opt-in,
 *     which {@link CudaFunction#launch} does)
 * @param dependent programmatic dependent launch: the kernel may be scheduled while the previous
 *     kernel on the stream still runs, and must execute {@code griddepcontrol.wait} before it reads
 *     that kernel's results (sm_90 and newer; set it only for such kernels on such devices)
 */
public record LaunchConfig(
        int gridX,
        int gridY,
        int gridZ,
        int blockX,
        int blockY,
        int blockZ,
        int dynamicSharedBytes,
        boolean dependent) {
    /** Shared memory a block may use without opting in. */
    public static final int DEFAULT_SHARED_LIMIT = 48 * 1024;

    public LaunchConfig {
        if (gridX < 1 || gridY < 1 || gridY > 65535 || gridZ < 1 || gridZ > 65535) {
            throw new IllegalArgumentException("invalid grid " + gridX + "x" + gridY + "x" + gridZ);
        }
        if (blockX < 1 || blockY < 1 || blockZ < 1 || (long) blockX * blockY * blockZ > 1024) {
            throw new IllegalArgumentException("invalid block " + blockX + "x" + blockY + "x" + blockZ);
        }
        if (dynamicSharedBytes < 0) {
            throw new IllegalArgumentException("negative dynamic shared memory " + dynamicSharedBytes);
        }
    }

    /** An ordinary launch: it starts after the previous work on the stream has finished. */
    public LaunchConfig(int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ, int dynamicSharedBytes) {
        this(gridX, gridY, gridZ, blockX, blockY, blockZ, dynamicSharedBytes, false);
    }

    /** A 1-D launch. */
    public static LaunchConfig of1d(int grid, int block, int dynamicSharedBytes) {
        return new LaunchConfig(grid, 1, 1, block, 1, 1, dynamicSharedBytes);
    }

    /** A 3-D grid of 1-D blocks. */
    public static LaunchConfig of(int gridX, int gridY, int gridZ, int block, int dynamicSharedBytes) {
        return new LaunchConfig(gridX, gridY, gridZ, block, 1, 1, dynamicSharedBytes);
    }
}
