package org.sparkxqa.spark.executor;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.DeviceAdmission;
import org.sparkxqa.core.Request;

/**
 * Bounds how many tasks of one executor use the GPU at once ({@code spark.xqa.concurrentGpuTasks}).
 * By default a task holds a permit for the whole backend call; with
 * {@code spark.xqa.gpu.packBeforePermit} the GPU backend takes it once the call's first chunk is
 * packed into staging memory, so tasks pack in parallel and only the copies, launches and results are
 * bounded (each packing task then holds its staging and device buffers outside the bound). Fair, so
 * waiting tasks go in order. One per executor, in its {@link ExecutorServices}. Thread-safe.
 */
public final class GpuPermits {
    private final Semaphore permits;
    private final int size;
    private final boolean packBeforePermit;

    /** @param concurrentTasks permits, at least 1; a permit covers the whole backend call */
    public GpuPermits(int concurrentTasks) {
        this(concurrentTasks, false);
    }

    /**
     * @param concurrentTasks permits, at least 1
     * @param packBeforePermit whether GPU calls pack their first chunk before taking a permit
     */
    public GpuPermits(int concurrentTasks, boolean packBeforePermit) {
        if (concurrentTasks < 1) {
            throw new IllegalArgumentException("concurrent GPU tasks must be >= 1, got " + concurrentTasks);
        }
        this.permits = new Semaphore(concurrentTasks, true);
        this.size = concurrentTasks;
        this.packBeforePermit = packBeforePermit;
    }

    /** The number of permits. */
    public int size() {
        return size;
    }

    /** Permits free now (tests). */
    int available() {
        return permits.availablePermits();
    }

    /**
     * One backend call: holding a permit when {@code gpu} (for the whole call, or from where the backend
     * enters its admission under {@link #packBeforePermit}), else directly.
     *
     * @param waited told the nanoseconds (of {@code clock}) this call waited for its permit
     */
    public List<byte[]> attend(
            AttentionBackend backend,
            boolean gpu,
            AttentionSpec spec,
            List<Request> requests,
            NanoClock clock,
            LongConsumer waited) {
        if (!gpu) {
            return backend.attend(spec, requests);
        }
        DeviceAdmission permit = () -> {
            long t0 = clock.nanoTime();
            try {
                return enter();
            } finally {
                waited.accept(clock.nanoTime() - t0);
            }
        };
        if (packBeforePermit) {
            return backend.attend(spec, requests, permit);
        }
        try (DeviceAdmission.Ticket ticket = permit.enter()) {
            return backend.attend(spec, requests);
        }
    }

    /** Runs {@code work} holding one permit; interruption (task kill) aborts the wait. */
    public <T> T withPermit(Supplier<T> work) {
        try (DeviceAdmission.Ticket ticket = enter()) {
            return work.get();
        }
    }

    /** Takes a permit (interruption, a task kill, aborts the wait); closing the ticket gives it back. */
    public DeviceAdmission.Ticket enter() {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the GPU", e);
        }
        return permits::release;
    }
}
