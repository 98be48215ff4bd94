package org.sparkxqa.spark.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.gpu.jit.JitCacheLimits;
import org.sparkxqa.spark.config.XqaConf;

/** The JIT cache keys of {@link XqaConf} reach the executor's GPU options. */
class ExecutorGpuOptionsTest {
    @Test
    void theCacheFolderAndItsLimitsComeFromTheConf() {
        XqaConf conf = XqaConf.from(Map.of(
                "spark.xqa.jit.cacheDir",
                "/tmp/xqa-jit",
                "spark.xqa.jit.cache.maxBytes",
                "64m",
                "spark.xqa.jit.cache.maxAgeDays",
                "3"));
        var options = ExecutorGpuOptions.of(conf);
        assertEquals(Path.of("/tmp/xqa-jit"), options.jitCacheRoot());
        assertEquals(new JitCacheLimits(64L << 20, Duration.ofDays(3)), options.jitCacheLimits());
    }

    @Test
    void withoutKeysTheDefaultsApply() {
        assertEquals(
                JitCacheLimits.DEFAULTS,
                ExecutorGpuOptions.of(XqaConf.from(Map.of())).jitCacheLimits());
    }
}
