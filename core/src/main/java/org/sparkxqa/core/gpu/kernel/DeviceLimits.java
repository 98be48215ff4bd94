package org.sparkxqa.core.gpu.kernel;

/**
 * The shared-memory limits of the device a plan is for (read them from the driver:
 * {@code CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_MULTIPROCESSOR}, {@code ..._PER_BLOCK_OPTIN},
 * {@code CU_DEVICE_ATTRIBUTE_RESERVED_SHARED_MEMORY_PER_BLOCK}). They pick the pipeline depth only,
 * which changes no output bit.
 *
 * @param smemPerSm shared memory of one multiprocessor, bytes
 * @param smemPerBlock largest dynamic shared memory one block may opt in to, bytes
 * @param reservedPerBlock shared memory the driver keeps per block, bytes
 */
public record DeviceLimits(int smemPerSm, int smemPerBlock, int reservedPerBlock) {
    /** H100 / H200 (sm_90). */
    public static final DeviceLimits SM90 = new DeviceLimits(233472, 232448, 1024);
    /** A100 (sm_80). */
    public static final DeviceLimits SM80 = new DeviceLimits(167936, 166912, 1024);

    public DeviceLimits {
        if (smemPerSm <= 0 || smemPerBlock <= 0 || reservedPerBlock < 0) {
            throw new IllegalArgumentException("invalid shared memory limits " + smemPerSm + "/" + smemPerBlock);
        }
    }
}
