package org.sparkxqa.core.gpu.cuda;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import org.sparkxqa.core.Median;

/**
 * The rate of a host-to-device copy from pinned (page-locked) host memory: the ceiling of any
 * pipeline whose data starts in host memory, such as attention through Spark. Allocates {@code bytes}
 * of pinned host memory ({@code cuMemAllocHost}) and of device memory ({@code cuMemAlloc}), outside
 * any pool, then copies host to device ({@code cuMemcpyHtoDAsync}) on a stream of its own: two
 * warmup copies, then {@code repetitions} copies, each between a pair of CUDA events. Every buffer,
 * the stream, the events and the context reference are freed before {@link #measure} returns. Uses
 * the CUDA driver through JCuda only (no cuDF), so it works in any process with a driver and a GPU.
 * Stateless and thread-safe; other work on the GPU or the PCIe link at the same time lowers the rate.
 */
public final class HostToDeviceCopyRate {
    private static final int WARMUP = 2;

    /**
     * One measurement.
     *
     * @param device the GPU, e.g. {@code gpu 0: NVIDIA H100 80GB HBM3 (sm_90)}
     * @param bytes bytes per copy
     * @param repetitions timed copies
     * @param medianMillis median time of one copy, milliseconds
     */
    public record Result(String device, long bytes, int repetitions, double medianMillis) {
        /** Bytes copied per second: {@code bytes / median time}. */
        public double bytesPerSecond() {
            return bytes / (medianMillis * 1e-3);
        }
    }

    private HostToDeviceCopyRate() {}

    /**
     * Measures the copy rate on device {@code ordinal}.
     *
     * @param bytes bytes per copy, at least 1
     * @param repetitions timed copies, at least 1; the result is their median
     * @throws CudaUnavailableException when there is no driver or GPU
     * @throws CudaException when an allocation or copy fails (e.g. not enough pinned memory)
     */
    public static Result measure(int ordinal, long bytes, int repetitions) {
        if (bytes < 1 || repetitions < 1) {
            throw new IllegalArgumentException("bytes and repetitions must be >= 1, got " + bytes + ", " + repetitions);
        }
        try (CudaContext context = CudaContext.open(ordinal);
                PinnedHost host = new PinnedHost(bytes);
                Device device = new Device(bytes);
                Stream stream = new Stream();
                GpuTimer timer = new GpuTimer(context, stream.handle)) {
            double[] ms = new double[repetitions];
            for (int i = -WARMUP; i < repetitions; i++) {
                timer.start();
                CudaStatus.check(
                        cuMemcpyHtoDAsync(device.pointer, host.pointer, bytes, stream.handle), "cuMemcpyHtoDAsync");
                timer.stop();
                float elapsed = timer.elapsedMillis();
                if (i >= 0) {
                    ms[i] = elapsed;
                }
            }
            return new Result(context.device().toString(), bytes, repetitions, Median.of(ms));
        }
    }

    /** Page-locked host memory from the driver. */
    private static final class PinnedHost implements AutoCloseable {
        final Pointer pointer = new Pointer();

        PinnedHost(long bytes) {
            CudaStatus.check(cuMemAllocHost(pointer, bytes), "cuMemAllocHost(" + bytes + " bytes)");
        }

        @Override
        public void close() {
            CudaStatus.check(cuMemFreeHost(pointer), "cuMemFreeHost");
        }
    }

    /** Device memory from the driver (not from RMM's pool). */
    private static final class Device implements AutoCloseable {
        final CUdeviceptr pointer = new CUdeviceptr();

        Device(long bytes) {
            CudaStatus.check(cuMemAlloc(pointer, bytes), "cuMemAlloc(" + bytes + " bytes)");
        }

        @Override
        public void close() {
            CudaStatus.check(cuMemFree(pointer), "cuMemFree");
        }
    }

    /** A non-blocking stream of this measurement's own. */
    private static final class Stream implements AutoCloseable {
        final CUstream handle = new CUstream();

        Stream() {
            CudaStatus.check(cuStreamCreate(handle, CUstream_flags.CU_STREAM_NON_BLOCKING), "cuStreamCreate");
        }

        @Override
        public void close() {
            CudaStatus.check(cuStreamDestroy(handle), "cuStreamDestroy");
        }
    }
}
