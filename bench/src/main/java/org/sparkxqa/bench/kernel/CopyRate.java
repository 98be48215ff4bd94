package org.sparkxqa.bench.kernel;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;

import java.util.ArrayList;
import java.util.List;
import org.sparkxqa.core.Median;
import org.sparkxqa.core.gpu.cuda.CudaContext;
import org.sparkxqa.core.gpu.cuda.CudaStatus;
import org.sparkxqa.core.gpu.cuda.CudaStream;
import org.sparkxqa.core.gpu.cuda.DeviceBuffer;
import org.sparkxqa.core.gpu.cuda.GpuTimer;
import org.sparkxqa.core.gpu.cuda.NativeHandles;

/**
 * The device's achievable memory bandwidth, measured as a device-to-device copy
 * ({@code cuMemcpyDtoDAsync}) of a large buffer: bytes read plus bytes written per second, median of
 * several copies timed with CUDA events. Stateless.
 */
final class CopyRate {
    private CopyRate() {}

    /** Bytes per second (read + written) for a copy of {@code bytes}. */
    static double measure(CudaContext context, CudaStream stream, long bytes, int iters) {
        try (DeviceBuffer src = DeviceBuffer.allocate(bytes, stream);
                DeviceBuffer dst = DeviceBuffer.allocate(bytes, stream);
                GpuTimer timer = new GpuTimer(context, stream)) {
            src.fillAsync((byte) 0x5A, stream);
            List<Float> ms = new ArrayList<>();
            for (int i = 0; i < iters + 2; i++) {
                timer.start();
                context.makeCurrent();
                CudaStatus.check(
                        cuMemcpyDtoDAsync(
                                NativeHandles.devicePointer(dst.address()),
                                NativeHandles.devicePointer(src.address()),
                                bytes,
                                stream.cu()),
                        "cuMemcpyDtoDAsync");
                timer.stop();
                float t = timer.elapsedMillis();
                if (i >= 2) {
                    ms.add(t);
                }
            }
            return 2.0 * bytes / (Median.of(ms) * 1e-3);
        }
    }
}
