package org.sparkxqa.core.gpu.cuda;

/**
 * A sticky CUDA error ({@link CudaStatus#FATAL}): the context is corrupt and every later call in this
 * process fails the same way. Nothing can be retried here; the process should exit so that its work
 * is rescheduled (a Spark executor is replaced), as spark-rapids does.
 */
public final class CudaFatalException extends CudaException {
    public CudaFatalException(String function, int code, String errorName, String message) {
        super(function, code, errorName, message);
    }
}
