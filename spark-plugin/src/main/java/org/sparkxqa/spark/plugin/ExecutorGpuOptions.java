package org.sparkxqa.spark.plugin;

import java.nio.file.Path;
import java.time.Duration;
import org.sparkxqa.core.BackendMetrics;
import org.sparkxqa.core.gpu.GpuOptions;
import org.sparkxqa.core.gpu.jit.JitCacheLimits;
import org.sparkxqa.spark.config.XqaConf;

/**
 * The {@link GpuOptions} of this executor: its assigned GPU ({@link ExecutorGpu}), the startup keys of
 * {@link XqaConf} (NVRTC path, JIT cache folder and limits, RMM pool share, warmup specs), and JIT events fed
 * into {@link XqaMetrics}. Stateless.
 */
final class ExecutorGpuOptions {
  private static final BackendMetrics TO_XQA_METRICS = new BackendMetrics() {
    @Override
    public void jitCompiled(long nanos) {
      XqaMetrics.recordJitCompile(nanos);
    }

    @Override
    public void jitCacheHit(long nanos) {
      XqaMetrics.recordJitCacheHit();
    }
  };

  private ExecutorGpuOptions() {}

  static GpuOptions of(XqaConf conf) {
    String cacheDir = conf.get(XqaConf.JIT_CACHE_DIR);
    return GpuOptions.defaults()
        .withDevice(ExecutorGpu.get().device().orElse(0))
        .withNvrtcPath(conf.get(XqaConf.NVRTC_PATH))
        .withJitCacheDir(cacheDir.isBlank() ? null : Path.of(cacheDir))
        .withJitCacheLimits(new JitCacheLimits(conf.get(XqaConf.JIT_CACHE_MAX_BYTES),
            Duration.ofDays(conf.get(XqaConf.JIT_CACHE_MAX_AGE_DAYS))))
        .withPoolFraction(conf.get(XqaConf.MEMORY_POOL_FRACTION))
        .withWarmup(conf.get(XqaConf.JIT_WARMUP))
        .withMetrics(TO_XQA_METRICS);
  }
}
