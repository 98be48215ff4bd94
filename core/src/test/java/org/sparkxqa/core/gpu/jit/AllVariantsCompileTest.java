package org.sparkxqa.core.gpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.sparkxqa.core.gpu.target.KernelVariant;
import org.sparkxqa.core.gpu.target.SmArch;
import org.sparkxqa.core.gpu.TestKernel;
import org.sparkxqa.core.gpu.nvrtc.Nvrtc;

/**
 * Every kernel variant of the real spec-dec kernel compiles with real NVRTC for sm_80 (the mma.sync
 * path) and sm_90, which compiles as sm_90a (the wgmma path).
 */
class AllVariantsCompileTest {
  @Test
  void everyVariantCompilesForSm80AndSm90a(TestReporter report) throws Exception {
    Optional<KernelSources> sources = KernelSourceLoader.kernel();
    assertTrue(sources.isPresent(), "kernel sources missing from the classpath ("
        + KernelSourceLoader.KERNEL_FOLDER + "/" + KernelSourceLoader.LIST_FILE + "): core depends on sparkxqa-kernels");
    Nvrtc nvrtc = TestKernel.nvrtcOrSkip();
    JitCache cache = new JitCache(sources.get(), nvrtc, JitCache.Options.at(null));
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    // NVRTC is CPU-bound and thread-safe: 768 compiles take ~14 min on 2 cores, so use at least 2.
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
    long t0 = System.nanoTime();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (SmArch arch : List.of(SmArch.SM_80, SmArch.SM_90)) {
        for (KernelVariant v : KernelVariant.all()) {
          futures.add(pool.submit(() -> {
            try {
              cache.get(v, arch);
            } catch (RuntimeException e) {
              failures.add(v.label() + " " + arch.compileTarget() + ": " + e.getMessage());
            }
          }));
        }
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    report.publishEntry("all variants", String.format("%d kernels in %.1f s wall, %s",
        2 * KernelVariant.all().size(), (System.nanoTime() - t0) / 1e9, cache.stats()));
    assertEquals(List.of(), List.copyOf(failures).subList(0, Math.min(3, failures.size())),
        failures.size() + " of " + 2 * KernelVariant.all().size() + " kernels failed to compile");
  }
}
