package org.sparkxqa.core.gpu.cuda;

import static jcuda.driver.JCudaDriver.cuMemsetD8Async;

import ai.rapids.cudf.DeviceMemoryBuffer;
import org.sparkxqa.core.memory.LiveAllocations;

/**
 * Device memory from cuDF's RMM pool ({@link GpuMemory} must be initialised). One owner closes it,
 * once, after the work using it is done; until then {@link #address()} may go into kernel arguments.
 * Copies are asynchronous on the given stream. Counted in {@link LiveAllocations}. Not thread-safe.
 */
public final class DeviceBuffer implements AutoCloseable {
    private final DeviceMemoryBuffer buffer;
    private boolean closed;

    private DeviceBuffer(DeviceMemoryBuffer buffer) {
        this.buffer = buffer;
        LiveAllocations.deviceAllocated(buffer.getLength());
    }

    /** Allocates {@code bytes} (contents undefined), ordered on {@code stream}. */
    public static DeviceBuffer allocate(long bytes, CudaStream stream) {
        return new DeviceBuffer(DeviceMemoryBuffer.allocate(bytes, stream.cudf()));
    }

    /** The device address of the first byte. */
    public long address() {
        return buffer.getAddress();
    }

    /** Size in bytes. */
    public long bytes() {
        return buffer.getLength();
    }

    /** The cuDF buffer, borrowed: it stays owned (and closed) by this object. */
    public DeviceMemoryBuffer cudf() {
        return buffer;
    }

    /** Enqueues a host-to-device copy of {@code length} bytes. */
    public void copyFromHostAsync(long dstOffset, PinnedBuffer src, long srcOffset, long length, CudaStream stream) {
        buffer.copyFromHostBufferAsync(dstOffset, src.cudf(), srcOffset, length, stream.cudf());
    }

    /** Enqueues a device-to-host copy of {@code length} bytes into {@code dst}. */
    public void copyToHostAsync(long srcOffset, PinnedBuffer dst, long dstOffset, long length, CudaStream stream) {
        dst.cudf().copyFromMemoryBufferAsync(dstOffset, buffer, srcOffset, length, stream.cudf());
    }

    /** Enqueues setting every byte to {@code value}. */
    public void fillAsync(byte value, CudaStream stream) {
        CudaStatus.check(
                cuMemsetD8Async(NativeHandles.devicePointer(address()), value, bytes(), stream.cu()),
                "cuMemsetD8Async");
    }

    /** Returns the memory to the pool. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            buffer.close();
            LiveAllocations.deviceFreed(buffer.getLength());
        }
    }
}
