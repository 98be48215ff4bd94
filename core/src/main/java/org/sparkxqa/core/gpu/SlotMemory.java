package org.sparkxqa.core.gpu;

import org.sparkxqa.core.gpu.cuda.CudaStream;
import org.sparkxqa.core.gpu.cuda.DeviceBuffer;
import org.sparkxqa.core.gpu.cuda.GpuMemory;
import org.sparkxqa.core.gpu.cuda.PinnedBuffer;
import org.sparkxqa.core.memory.AllocationGuard;
import org.sparkxqa.core.memory.MemoryKind;
import org.sparkxqa.core.memory.OutOfBackendMemoryException;
import org.sparkxqa.core.memory.OutOfMemoryCauses;

/**
 * Allocates the stream slots' staging arenas: asks the {@link AllocationGuard} first, then RMM or
 * the pinned pool, and reports a full allocator as one exception type,
 * {@link OutOfBackendMemoryException}, naming the bytes asked for and those available, so callers
 * can split the batch and retry. cuDF reports an exhausted pool as {@link OutOfMemoryError} or as an
 * exception whose message says out of memory. Thread-safe; the caller owns what it returns.
 */
final class SlotMemory {
    private final AllocationGuard guard;
    private final GpuMemory memory;

    SlotMemory(AllocationGuard guard, GpuMemory memory) {
        this.guard = guard;
        this.memory = memory;
    }

    DeviceBuffer device(long bytes, CudaStream stream) {
        guard.beforeAllocate(MemoryKind.DEVICE, bytes);
        try {
            return DeviceBuffer.allocate(bytes, stream);
        } catch (OutOfMemoryError | RuntimeException e) {
            throw translate(e, MemoryKind.DEVICE, bytes);
        }
    }

    PinnedBuffer pinned(long bytes) {
        guard.beforeAllocate(MemoryKind.PINNED, bytes);
        try {
            return PinnedBuffer.allocate(bytes);
        } catch (OutOfMemoryError | RuntimeException e) {
            throw translate(e, MemoryKind.PINNED, bytes);
        }
    }

    private RuntimeException translate(Throwable e, MemoryKind kind, long bytes) {
        if (!OutOfMemoryCauses.isOutOfMemory(e)) {
            return (RuntimeException) e;
        }
        long available = -1;
        if (kind == MemoryKind.DEVICE) {
            try {
                available = memory.availableDeviceBytes();
            } catch (RuntimeException unknown) {
                // leave it unknown; the allocation failure is what matters
            }
        }
        return new OutOfBackendMemoryException(kind, bytes, available, e);
    }
}
