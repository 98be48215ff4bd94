package org.sparkxqa.spark.plugin;

import org.apache.spark.ExceptionFailure;
import org.apache.spark.TaskFailedReason;

/**
 * Recognises task failures caused by a fatal CUDA error (a {@code CudaFatalException} of the GPU
 * backend, matched by name, anywhere in the cause chain): after one the GPU context is unusable and
 * the executor must be replaced. Stateless.
 */
public final class FatalGpuErrors {
    /** The simple name of the GPU backend's fatal error type. */
    public static final String TYPE_NAME = "CudaFatalException";

    private FatalGpuErrors() {}

    /** Whether {@code reason} is a task failure caused by a fatal CUDA error. */
    public static boolean isFatal(TaskFailedReason reason) {
        return reason instanceof ExceptionFailure f && isFatal(f.className(), f.fullStackTrace());
    }

    /** Whether an exception of class {@code className} with this stack trace text is a fatal CUDA error. */
    public static boolean isFatal(String className, String fullStackTrace) {
        return (className != null && className.contains(TYPE_NAME))
                || (fullStackTrace != null && fullStackTrace.contains(TYPE_NAME));
    }
}
