package org.sparkxqa.core.gpu.cuda;

import static jcuda.driver.CUresult.CUDA_ERROR_ASSERT;
import static jcuda.driver.CUresult.CUDA_ERROR_ECC_UNCORRECTABLE;
import static jcuda.driver.CUresult.CUDA_ERROR_EXTERNAL_DEVICE;
import static jcuda.driver.CUresult.CUDA_ERROR_HARDWARE_STACK_ERROR;
import static jcuda.driver.CUresult.CUDA_ERROR_ILLEGAL_ADDRESS;
import static jcuda.driver.CUresult.CUDA_ERROR_ILLEGAL_INSTRUCTION;
import static jcuda.driver.CUresult.CUDA_ERROR_INVALID_ADDRESS_SPACE;
import static jcuda.driver.CUresult.CUDA_ERROR_INVALID_PC;
import static jcuda.driver.CUresult.CUDA_ERROR_LAUNCH_FAILED;
import static jcuda.driver.CUresult.CUDA_ERROR_LAUNCH_TIMEOUT;
import static jcuda.driver.CUresult.CUDA_ERROR_MISALIGNED_ADDRESS;
import static jcuda.driver.CUresult.CUDA_ERROR_NVLINK_UNCORRECTABLE;
import static jcuda.driver.CUresult.CUDA_SUCCESS;

import java.util.Set;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * The one place a {@code CUresult} becomes an exception. Stateless; thread-safe. Works without a
 * driver too (names then come from JCuda's table, so classification can be tested anywhere).
 */
public final class CudaStatus {
    /**
     * Errors that leave the context unusable (the driver documents them as "the process must be
     * terminated and relaunched"): illegal/misaligned address, invalid address space or PC, illegal
     * instruction, hardware stack error, device assert, launch failure, launch timeout, uncorrectable
     * ECC or NVLink error, external device error.
     */
    public static final Set<Integer> FATAL = Set.of(
            CUDA_ERROR_ILLEGAL_ADDRESS,
            CUDA_ERROR_MISALIGNED_ADDRESS,
            CUDA_ERROR_INVALID_ADDRESS_SPACE,
            CUDA_ERROR_INVALID_PC,
            CUDA_ERROR_ILLEGAL_INSTRUCTION,
            CUDA_ERROR_HARDWARE_STACK_ERROR,
            CUDA_ERROR_ASSERT,
            CUDA_ERROR_LAUNCH_FAILED,
            CUDA_ERROR_LAUNCH_TIMEOUT,
            CUDA_ERROR_ECC_UNCORRECTABLE,
            CUDA_ERROR_NVLINK_UNCORRECTABLE,
            CUDA_ERROR_EXTERNAL_DEVICE);

    private CudaStatus() {}

    /**
     * Returns when {@code result} is {@code CUDA_SUCCESS}; otherwise throws.
     *
     * @throws CudaFatalException for a code in {@link #FATAL}
     * @throws CudaException for any other failure
     */
    public static void check(int result, String function) {
        if (result == CUDA_SUCCESS) {
            return;
        }
        String name = name(result);
        String message = function + " failed: " + name + " (" + result + "): " + text(result);
        if (FATAL.contains(result)) {
            throw new CudaFatalException(
                    function, result, name, message + " [fatal: the CUDA context is unusable; restart the process]");
        }
        throw new CudaException(function, result, name, message);
    }

    /** {@code CUDA_ERROR_...} for a code. */
    public static String name(int result) {
        try {
            String[] out = new String[1];
            if (JCudaDriver.cuGetErrorName(result, out) == CUDA_SUCCESS && out[0] != null) {
                return out[0];
            }
        } catch (LinkageError noDriver) {
            // JCuda's native library needs libcuda; fall back to JCuda's Java table
        }
        return CUresult.stringFor(result);
    }

    /** The driver's description of a code, or a fixed note when the driver cannot be asked. */
    public static String text(int result) {
        try {
            String[] out = new String[1];
            if (JCudaDriver.cuGetErrorString(result, out) == CUDA_SUCCESS && out[0] != null) {
                return out[0];
            }
        } catch (LinkageError noDriver) {
            return "(no CUDA driver to describe it)";
        }
        return "(no description)";
    }
}
