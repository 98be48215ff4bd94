package org.sparkxqa.core.gpu.cuda;

import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/** A pinned host-to-device copy on the GPU: a plausible rate, and its device memory is freed. */
@Tag("gpu")
class HostToDeviceCopyRateGpuTest {
    @Test
    void measuresAPlausibleRateAndFreesItsMemory(TestReporter report) {
        DeviceInfo device = GpuTestSupport.gpuOrSkip();
        long bytes = 256L << 20;
        try (CudaContext context = CudaContext.open(device.ordinal())) {
            long before = freeDeviceBytes();
            HostToDeviceCopyRate.Result r = HostToDeviceCopyRate.measure(device.ordinal(), bytes, 5);
            for (int i = 0; i < 4; i++) {
                HostToDeviceCopyRate.measure(device.ordinal(), bytes, 1);
            }
            long after = freeDeviceBytes();
            report.publishEntry("pinned H2D", String.format("%.1f GB/s (%s)", r.bytesPerSecond() / 1e9, r.device()));
            assertEquals(bytes, r.bytes());
            assertEquals(5, r.repetitions());
            assertTrue(r.bytesPerSecond() > 1e9 && r.bytesPerSecond() < 1e12, "between 1 GB/s and 1 TB/s: " + r);
            assertTrue(
                    after >= before - (16L << 20),
                    "5 measurements of 256 MiB freed their device memory: free " + before + " -> " + after + " bytes");
        }
    }

    private static long freeDeviceBytes() {
        long[] free = new long[1];
        long[] total = new long[1];
        CudaStatus.check(cuMemGetInfo(free, total), "cuMemGetInfo");
        return free[0];
    }
}
