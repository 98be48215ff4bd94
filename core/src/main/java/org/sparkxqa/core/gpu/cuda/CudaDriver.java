package org.sparkxqa.core.gpu.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Initialises the CUDA driver API once per process ({@code cuInit}) through JCuda, and says in words
 * why it cannot when it cannot. Thread-safe; the outcome is remembered.
 */
public final class CudaDriver {
    private static volatile String state;
    private static final String READY = "";

    private CudaDriver() {}

    /**
     * Null when the driver is initialised and usable; otherwise a reason such as
     * {@code no CUDA driver (libcuda.so.1 not found)} or {@code no GPU device (cuInit: CUDA_ERROR_NO_DEVICE)}.
     */
    public static String unavailableReason() {
        String s = state;
        if (s == null) {
            synchronized (CudaDriver.class) {
                if (state == null) {
                    state = tryInit();
                }
                s = state;
            }
        }
        return s.equals(READY) ? null : s;
    }

    /** Initialises the driver or throws {@link CudaUnavailableException} with the reason. */
    public static void init() {
        String reason = unavailableReason();
        if (reason != null) {
            throw new CudaUnavailableException(reason);
        }
    }

    private static String tryInit() {
        try {
            SymbolLookup.libraryLookup("libcuda.so.1", Arena.global());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return "no CUDA driver (libcuda.so.1 not found)";
        }
        int rc;
        try {
            rc = JCudaDriver.cuInit(0);
        } catch (LinkageError e) {
            return "JCuda's driver binding failed to load: "
                    + e.getMessage().lines().findFirst().orElse("");
        }
        if (rc == CUresult.CUDA_ERROR_NO_DEVICE) {
            return "no GPU device (cuInit: CUDA_ERROR_NO_DEVICE)";
        }
        if (rc != CUresult.CUDA_SUCCESS) {
            return "the CUDA driver failed to initialise (cuInit: " + CudaStatus.name(rc) + ": " + CudaStatus.text(rc)
                    + ")";
        }
        return READY;
    }
}
