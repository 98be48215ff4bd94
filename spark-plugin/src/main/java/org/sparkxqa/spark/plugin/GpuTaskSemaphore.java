package org.sparkxqa.spark.plugin;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.sparkxqa.spark.config.XqaConf;

/**
 * Bounds how many tasks of this executor use the GPU at once ({@code spark.xqa.concurrentGpuTasks}):
 * a task holds a permit for the duration of one backend launch. Fair, so waiting tasks go in order.
 * Thread-safe; configured by the executor plugin, else the key's default.
 */
public final class GpuTaskSemaphore {
  private static volatile Semaphore permits = new Semaphore(XqaConf.CONCURRENT_GPU_TASKS.defaultValue(), true);
  private static volatile int size = XqaConf.CONCURRENT_GPU_TASKS.defaultValue();

  private GpuTaskSemaphore() {}

  /** Sets the number of permits; call at executor start, before tasks run. */
  public static void configure(int concurrentTasks) {
    permits = new Semaphore(concurrentTasks, true);
    size = concurrentTasks;
  }

  public static int size() {
    return size;
  }

  /** Runs {@code work}, holding one permit when {@code gpu} (a GPU launch), else directly. */
  public static <T> T withPermitIf(boolean gpu, Supplier<T> work) {
    return gpu ? withPermit(work) : work.get();
  }

  /** Runs {@code work} holding one permit; interruption (task kill) aborts the wait. */
  public static <T> T withPermit(Supplier<T> work) {
    Semaphore s = permits;
    try {
      s.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the GPU", e);
    }
    try {
      return work.get();
    } finally {
      s.release();
    }
  }
}
