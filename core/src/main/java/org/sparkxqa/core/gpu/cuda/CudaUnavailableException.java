package org.sparkxqa.core.gpu.cuda;

/** No usable CUDA driver or GPU; the message says which (see {@link CudaDriver#unavailableReason()}). */
public final class CudaUnavailableException extends RuntimeException {
    public CudaUnavailableException(String reason) {
        super(reason);
    }
}
