package org.sparkxqa.core.gpu;

import org.sparkxqa.core.gpu.cuda.CudaException;
import org.sparkxqa.core.gpu.cuda.CudaFatalException;

/**
 * Turns cuDF's CUDA exceptions (thrown by its buffer copies and RMM) into this project's, so a caller
 * sees one hierarchy: a sticky error is always a {@link CudaFatalException}. Stateless.
 */
final class CudfErrors {
    private CudfErrors() {}

    /** The project's exception for {@code e}, or {@code e} itself when it is not a cuDF CUDA error. */
    static RuntimeException translate(RuntimeException e) {
        if (e instanceof ai.rapids.cudf.CudaFatalException f) {
            CudaFatalException out = new CudaFatalException(
                    "cuDF",
                    -1,
                    name(f),
                    "cuDF CUDA call failed: " + f.getMessage()
                            + " [fatal: the CUDA context is unusable; restart the process]");
            out.initCause(f);
            return out;
        }
        if (e instanceof ai.rapids.cudf.CudaException c) {
            CudaException out = new CudaException("cuDF", -1, name(c), "cuDF CUDA call failed: " + c.getMessage());
            out.initCause(c);
            return out;
        }
        return e;
    }

    private static String name(ai.rapids.cudf.CudaException e) {
        return e.getCudaError() == null ? "unknown" : e.getCudaError().name();
    }
}
