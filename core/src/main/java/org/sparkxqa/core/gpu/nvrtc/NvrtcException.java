package org.sparkxqa.core.gpu.nvrtc;

/**
 * An NVRTC call failed. The message names the function, the {@code nvrtcResult} code and NVRTC's own
 * text for it ({@code nvrtcGetErrorString}). Compile errors in the kernel source are the subclass
 * {@link KernelCompileException}, which also carries the log and the source.
 */
public class NvrtcException extends RuntimeException {
    private final String function;
    private final int code;

    public NvrtcException(String function, int code, String message) {
        super(message);
        this.function = function;
        this.code = code;
    }

    public NvrtcException(String message, Throwable cause) {
        super(message, cause);
        this.function = null;
        this.code = -1;
    }

    /** The NVRTC function that failed, e.g. {@code nvrtcCompileProgram}; null when no call failed. */
    public String function() {
        return function;
    }

    /** The {@code nvrtcResult} code; -1 when no call failed (e.g. the library could not be loaded). */
    public int code() {
        return code;
    }
}
