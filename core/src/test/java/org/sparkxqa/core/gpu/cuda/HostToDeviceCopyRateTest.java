package org.sparkxqa.core.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The pinned copy rate checks its arguments and, without a GPU, fails with the probe's reason. Runs everywhere. */
class HostToDeviceCopyRateTest {
    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> HostToDeviceCopyRate.measure(0, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> HostToDeviceCopyRate.measure(0, 1 << 20, 0));
    }

    @Test
    void withoutAGpuItNamesWhatIsMissing() {
        GpuProbe.Result probe = GpuProbe.probe();
        if (probe.available()) {
            return; // measured by HostToDeviceCopyRateGpuTest
        }
        CudaUnavailableException e =
                assertThrows(CudaUnavailableException.class, () -> HostToDeviceCopyRate.measure(0, 1 << 20, 3));
        assertEquals(probe.reason(), e.getMessage());
    }

    @Test
    void rateIsBytesOverTheMedianTime() {
        HostToDeviceCopyRate.Result r = new HostToDeviceCopyRate.Result("gpu", 1_000_000_000L, 5, 40.0);
        assertEquals(25e9, r.bytesPerSecond(), 1e-3);
    }
}
