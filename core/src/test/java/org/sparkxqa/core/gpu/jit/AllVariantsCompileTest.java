package org.sparkxqa.core.gpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.sparkxqa.core.gpu.TestKernel;
import org.sparkxqa.core.gpu.nvrtc.CompileOptions;
import org.sparkxqa.core.gpu.nvrtc.CompileResult;
import org.sparkxqa.core.gpu.nvrtc.Nvrtc;
import org.sparkxqa.core.gpu.nvrtc.ProgramSource;
import org.sparkxqa.core.gpu.target.KernelVariant;
import org.sparkxqa.core.gpu.target.SmArch;

/**
 * Every kernel variant of the real spec-dec kernel compiles with real NVRTC for sm_80 (the mma.sync
 * path) and sm_90, which compiles as sm_90a (the wgmma path), with no warning in NVRTC's log (ptxas's
 * C7515 wgmma serialisation, spills, local memory, or the front end's): a failure names the variant
 * and the line. {@code -Dxqa.compile.variants=REGEX} compiles only the variants whose label matches
 * (e.g. {@code 'q_bf16-kv_(bf16|e4m3)-d128-g[48]$'}); the default is all.
 */
class AllVariantsCompileTest {
    /** System property: a regex on {@link KernelVariant#label()} picking the variants to compile. */
    static final String FILTER = "xqa.compile.variants";

    @Test
    void everyVariantCompilesForSm80AndSm90a(TestReporter report) throws Exception {
        Optional<KernelSources> sources = KernelSourceLoader.kernel();
        assertTrue(
                sources.isPresent(),
                "kernel sources missing from the classpath (" + KernelSourceLoader.KERNEL_FOLDER + "/"
                        + KernelSourceLoader.LIST_FILE + "): core depends on sparkxqa-kernels");
        Nvrtc nvrtc = TestKernel.nvrtcOrSkip();
        Pattern filter = Pattern.compile(System.getProperty(FILTER, ".*"));
        List<KernelVariant> variants = KernelVariant.all().stream()
                .filter(v -> filter.matcher(v.label()).find())
                .toList();
        assertTrue(!variants.isEmpty(), "no variant matches -D" + FILTER + "=" + filter);
        ProgramSource program = sources.get().program();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        // NVRTC is CPU-bound and thread-safe: 768 compiles take ~14 min on 2 cores, so use at least 2.
        ExecutorService pool =
                Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        long t0 = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SmArch arch : List.of(SmArch.SM_80, SmArch.SM_90)) {
                for (KernelVariant v : variants) {
                    futures.add(pool.submit(() -> {
                        String name = v.label() + " " + arch.compileTarget();
                        try {
                            CompileResult r = nvrtc.compileWithLog(program, CompileOptions.of(arch, v.macros()));
                            r.warnings().forEach(line -> failures.add(name + ": " + line));
                        } catch (RuntimeException e) {
                            failures.add(name + ": " + e.getMessage());
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
        report.publishEntry(
                "all variants",
                String.format("%d kernels in %.1f s wall", 2 * variants.size(), (System.nanoTime() - t0) / 1e9));
        List<String> sorted = failures.stream().sorted().toList();
        Path log = Path.of("target", "all-variants-warnings.txt");
        Files.createDirectories(log.getParent());
        Files.write(log, sorted);
        assertEquals(
                List.of(),
                sorted.subList(0, Math.min(10, sorted.size())),
                sorted.size() + " failures or warnings in " + 2 * variants.size() + " kernels (all of them in "
                        + log.toAbsolutePath() + ")");
    }
}
