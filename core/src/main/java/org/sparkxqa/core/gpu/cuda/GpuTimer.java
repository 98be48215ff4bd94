package org.sparkxqa.core.gpu.cuda;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;

import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUstream;

/**
 * Times GPU work on one stream with a pair of CUDA events: {@link #start()}, enqueue work,
 * {@link #stop()}, then {@link #elapsedMillis()} (waits for the stop event). Reusable; owns its events.
 * Not thread-safe.
 */
public final class GpuTimer implements AutoCloseable {
    private final CudaContext context;
    private final CUstream stream;
    private final CUevent start = new CUevent();
    private final CUevent stop = new CUevent();
    private boolean closed;

    public GpuTimer(CudaContext context, CudaStream stream) {
        this(context, stream.cu());
    }

    /** A timer on a raw driver stream (one not made by cuDF); the caller keeps owning the stream. */
    public GpuTimer(CudaContext context, CUstream stream) {
        this.context = context;
        this.stream = stream;
        context.makeCurrent();
        CudaStatus.check(cuEventCreate(start, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
        try {
            CudaStatus.check(cuEventCreate(stop, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
        } catch (RuntimeException e) {
            cuEventDestroy(start);
            throw e;
        }
    }

    /** Records the start event on the stream. */
    public void start() {
        context.makeCurrent();
        CudaStatus.check(cuEventRecord(start, stream), "cuEventRecord");
    }

    /** Records the stop event on the stream. */
    public void stop() {
        context.makeCurrent();
        CudaStatus.check(cuEventRecord(stop, stream), "cuEventRecord");
    }

    /** Milliseconds of GPU time between start and stop (resolution about 0.5 µs); waits for stop. */
    public float elapsedMillis() {
        context.makeCurrent();
        CudaStatus.check(cuEventSynchronize(stop), "cuEventSynchronize");
        float[] ms = new float[1];
        CudaStatus.check(cuEventElapsedTime(ms, start, stop), "cuEventElapsedTime");
        return ms[0];
    }

    /** Destroys both events. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            context.makeCurrent();
            CudaStatus.check(cuEventDestroy(start), "cuEventDestroy");
            CudaStatus.check(cuEventDestroy(stop), "cuEventDestroy");
        }
    }
}
