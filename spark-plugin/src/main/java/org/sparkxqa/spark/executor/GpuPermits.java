package org.sparkxqa.spark.executor;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Bounds how many tasks of one executor use the GPU at once ({@code spark.xqa.concurrentGpuTasks}):
 * a task holds a permit for the duration of one backend launch. Fair, so waiting tasks go in order.
 * One per executor, in its {@link ExecutorServices}. Thread-safe.
 */
public final class GpuPermits {
    private final Semaphore permits;
    private final int size;

    /** @param concurrentTasks permits, at least 1 */
    public GpuPermits(int concurrentTasks) {
        if (concurrentTasks < 1) {
            throw new IllegalArgumentException("concurrent GPU tasks must be >= 1, got " + concurrentTasks);
        }
        this.permits = new Semaphore(concurrentTasks, true);
        this.size = concurrentTasks;
    }

    /** The number of permits. */
    public int size() {
        return size;
    }

    /** Runs {@code work}, holding one permit when {@code gpu} (a GPU launch), else directly. */
    public <T> T withPermitIf(boolean gpu, Supplier<T> work) {
        return gpu ? withPermit(work) : work.get();
    }

    /** Runs {@code work} holding one permit; interruption (task kill) aborts the wait. */
    public <T> T withPermit(Supplier<T> work) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the GPU", e);
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
