package org.sparkxqa.bench.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparkxqa.core.gpu.jit.JitCache;
import org.sparkxqa.core.gpu.jit.KernelSources;
import org.sparkxqa.core.gpu.nvrtc.Nvrtc;
import org.sparkxqa.core.gpu.target.KernelVariant;
import org.sparkxqa.core.gpu.target.SmArch;

/**
 * JIT cost per kernel variant: a cold NVRTC compile into an empty disk cache, then a load of the
 * same CUBIN from that disk cache by a fresh cache instance (what a new executor JVM pays). Stateless.
 */
final class JitTimes {
    /** One variant's times, in milliseconds, and its CUBIN size in bytes. */
    record Row(String variant, double compileMs, double diskLoadMs, int cubinBytes) {}

    private JitTimes() {}

    static List<Row> measure(KernelSources sources, Nvrtc nvrtc, SmArch arch, List<KernelVariant> variants)
            throws IOException {
        Path dir = Files.createTempDirectory("xqa-bench-jit");
        List<Row> rows = new ArrayList<>();
        for (KernelVariant v : variants) {
            JitCache.Fetch cold = new JitCache(sources, nvrtc, JitCache.Options.at(dir)).fetch(v, arch);
            JitCache.Fetch warm = new JitCache(sources, nvrtc, JitCache.Options.at(dir)).fetch(v, arch);
            if (cold.source() != JitCache.Source.COMPILED || warm.source() != JitCache.Source.DISK) {
                throw new IllegalStateException("expected a compile then a disk load for " + v.label() + ", got "
                        + cold.source() + " then " + warm.source());
            }
            rows.add(new Row(
                    v.label(),
                    cold.nanos() / 1e6,
                    warm.nanos() / 1e6,
                    cold.kernel().size()));
        }
        return rows;
    }
}
