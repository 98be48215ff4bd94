package org.sparkxqa.core.gpu.cuda;

/**
 * A CUDA driver call failed. The message names the function, the {@code CUresult} name and the
 * driver's text for it ({@code cuGetErrorName}/{@code cuGetErrorString}). The context stays usable
 * unless this is a {@link CudaFatalException}.
 */
public class CudaException extends RuntimeException {
    private final String function;
    private final int code;
    private final String errorName;

    public CudaException(String function, int code, String errorName, String message) {
        super(message);
        this.function = function;
        this.code = code;
        this.errorName = errorName;
    }

    /** The driver function that failed, e.g. {@code cuLaunchKernel}. */
    public String function() {
        return function;
    }

    /** The {@code CUresult} code. */
    public int code() {
        return code;
    }

    /** The {@code CUresult} name, e.g. {@code CUDA_ERROR_INVALID_VALUE}. */
    public String errorName() {
        return errorName;
    }
}
