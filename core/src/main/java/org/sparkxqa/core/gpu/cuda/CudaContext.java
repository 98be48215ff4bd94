package org.sparkxqa.core.gpu.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;

import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;

/**
 * A retained reference to a device's primary context: the same context the CUDA runtime (and so cuDF
 * and RMM) uses, so JCuda launches and cuDF buffers share one address space. Driver contexts are
 * current per thread: call {@link #makeCurrent()} on every thread before JCuda calls (cheap).
 * One owner closes it, once, after every module, stream and buffer made under it is closed; the
 * primary context itself lives on while others (cuDF) still retain it. Thread-safe apart from close.
 */
public final class CudaContext implements AutoCloseable {
    private final DeviceInfo device;
    private final CUdevice cuDevice;
    private final CUcontext context;
    private volatile boolean closed;

    private CudaContext(DeviceInfo device, CUdevice cuDevice, CUcontext context) {
        this.device = device;
        this.cuDevice = cuDevice;
        this.context = context;
    }

    /**
     * Retains device {@code ordinal}'s primary context and makes it current on this thread.
     *
     * @throws CudaUnavailableException when there is no driver or GPU
     */
    public static CudaContext open(int ordinal) {
        CudaDriver.init();
        CUdevice dev = new CUdevice();
        CudaStatus.check(cuDeviceGet(dev, ordinal), "cuDeviceGet");
        CUcontext ctx = new CUcontext();
        CudaStatus.check(cuDevicePrimaryCtxRetain(ctx, dev), "cuDevicePrimaryCtxRetain");
        try {
            CudaStatus.check(cuCtxSetCurrent(ctx), "cuCtxSetCurrent");
            return new CudaContext(GpuProbe.describe(ordinal), dev, ctx);
        } catch (RuntimeException e) {
            cuDevicePrimaryCtxRelease(dev);
            throw e;
        }
    }

    /** The device this context belongs to. */
    public DeviceInfo device() {
        return device;
    }

    /** Makes this context current on the calling thread. */
    public void makeCurrent() {
        if (closed) {
            throw new IllegalStateException("CUDA context of " + device + " is closed");
        }
        CudaStatus.check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    /** Waits for all work on the device; surfaces asynchronous errors (a fatal one as {@link CudaFatalException}). */
    public void synchronize() {
        makeCurrent();
        CudaStatus.check(cuCtxSynchronize(), "cuCtxSynchronize");
    }

    /** Releases this reference to the primary context. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            CudaStatus.check(cuDevicePrimaryCtxRelease(cuDevice), "cuDevicePrimaryCtxRelease");
        }
    }
}
