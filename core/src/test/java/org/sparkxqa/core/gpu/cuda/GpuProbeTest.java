package org.sparkxqa.core.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Probing never throws; without a GPU it gives a reason, with one it gives none. Runs everywhere. */
class GpuProbeTest {
    @Test
    void failsSoftlyWithAReasonOrFindsDevices() {
        GpuProbe.Result r = GpuProbe.probe();
        if (r.available()) {
            assertNull(r.reason());
            assertFalse(r.driverVersion().isEmpty());
        } else {
            assertTrue(r.reason() != null && !r.reason().isBlank());
            assertTrue(
                    r.reason().startsWith("no CUDA driver")
                            || r.reason().startsWith("no GPU device")
                            || r.reason().contains("cuInit")
                            || r.reason().contains("JCuda"),
                    r.reason());
            CudaUnavailableException e = assertThrows(CudaUnavailableException.class, () -> CudaContext.open(0));
            assertTrue(e.getMessage().equals(r.reason()), e.getMessage());
        }
    }
}
