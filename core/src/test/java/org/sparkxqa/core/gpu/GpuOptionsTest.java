package org.sparkxqa.core.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.BackendMetrics;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.jit.CacheFolders;
import org.sparkxqa.core.gpu.jit.JitCacheLimits;
import org.sparkxqa.core.memory.AllocationGuard;

class GpuOptionsTest {
    @Test
    void defaultsAndWithers() {
        GpuOptions d = GpuOptions.defaults();
        assertEquals(0, d.deviceOrdinal());
        assertNull(d.nvrtcPath());
        assertEquals(CacheFolders.defaultRoot(), d.jitCacheRoot());
        assertEquals(0.5, d.poolFraction());
        assertEquals(JitCacheLimits.DEFAULTS, d.jitCacheLimits());
        assertSame(BackendMetrics.NONE, d.metrics());
        BackendMetrics m = new BackendMetrics() {};
        List<AttentionSpec> warm = new ArrayList<>(List.of(AttentionSpec.of(ElementType.BF16, 32, 8, 128)));
        JitCacheLimits limits = new JitCacheLimits(1 << 20, Duration.ofDays(2));
        GpuOptions o = d.withDevice(1)
                .withNvrtcPath("/x")
                .withJitCacheDir(Path.of("/c"))
                .withPoolFraction(0.25)
                .withPinnedPoolBytes(0)
                .withWarmup(warm)
                .withMetrics(m)
                .withJitCacheLimits(limits);
        warm.clear();
        assertEquals(
                new GpuOptions(
                        1,
                        "/x",
                        Path.of("/c"),
                        limits,
                        0.25,
                        0,
                        List.of(AttentionSpec.of(ElementType.BF16, 32, 8, 128)),
                        m,
                        AllocationGuard.NONE),
                o);
        assertEquals(Path.of("/c"), o.jitCacheRoot());
    }

    @Test
    void invalidValuesAreRejected() {
        GpuOptions d = GpuOptions.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withDevice(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withPoolFraction(0));
        assertThrows(IllegalArgumentException.class, () -> d.withPoolFraction(0.96));
        assertThrows(IllegalArgumentException.class, () -> d.withPinnedPoolBytes(-1));
        assertThrows(NullPointerException.class, () -> d.withMetrics(null));
        assertThrows(NullPointerException.class, () -> d.withJitCacheLimits(null));
    }
}
