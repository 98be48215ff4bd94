package org.sparkxqa.spark.executor;

import java.nio.file.Path;
import java.time.Duration;
import org.sparkxqa.core.BackendMetrics;
import org.sparkxqa.core.gpu.GpuOptions;
import org.sparkxqa.core.gpu.jit.JitCacheLimits;
import org.sparkxqa.spark.config.XqaConf;

/**
 * The {@link GpuOptions} of an executor: its assigned GPU ({@link ExecutorGpu}), the startup keys of
 * {@link XqaConf} (NVRTC path, JIT cache folder and limits, RMM pool share, warmup specs), and JIT
 * events fed into the executor's {@link XqaMetrics}. Stateless.
 */
final class ExecutorGpuOptions {
    private ExecutorGpuOptions() {}

    static GpuOptions of(XqaConf conf) {
        return of(conf, ExecutorGpu.NOT_CHOSEN, new XqaMetrics());
    }

    static GpuOptions of(XqaConf conf, ExecutorGpu.Choice gpu, XqaMetrics metrics) {
        String cacheDir = conf.get(XqaConf.JIT_CACHE_DIR);
        return GpuOptions.defaults()
                .withDevice(gpu.device().orElse(0))
                .withNvrtcPath(conf.get(XqaConf.NVRTC_PATH))
                .withJitCacheDir(cacheDir.isBlank() ? null : Path.of(cacheDir))
                .withJitCacheLimits(new JitCacheLimits(
                        conf.get(XqaConf.JIT_CACHE_MAX_BYTES),
                        Duration.ofDays(conf.get(XqaConf.JIT_CACHE_MAX_AGE_DAYS))))
                .withPoolFraction(conf.get(XqaConf.MEMORY_POOL_FRACTION))
                .withWarmup(conf.get(XqaConf.JIT_WARMUP))
                .withMetrics(new BackendMetrics() {
                    @Override
                    public void jitCompiled(long nanos) {
                        metrics.recordJitCompile(nanos);
                    }

                    @Override
                    public void jitCacheHit(long nanos) {
                        metrics.recordJitCacheHit();
                    }

                    @Override
                    public void launched(long kernelNanos) {
                        metrics.recordDevice(kernelNanos);
                    }

                    @Override
                    public void packed(long bytes, long nanos) {
                        metrics.recordPack(bytes, nanos);
                    }
                });
    }
}
