package org.sparkxqa.core.gpu.jit;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.nvrtc.Nvrtc;
import org.sparkxqa.core.gpu.nvrtc.NvrtcException;
import org.sparkxqa.core.gpu.target.KernelVariant;
import org.sparkxqa.core.gpu.target.SmArch;

/**
 * {@code xqa kernels compile [--all] [--arch sm_80,sm_90] [--cache-dir D] [--nvrtc-path P] [--jobs N]}:
 * fills the JIT disk cache ahead of time, so executors load kernels instead of compiling them. Without
 * {@code --all} it compiles {@link #defaultVariants()}. Exit codes: 0 all done, 1 a compile failed or
 * a prerequisite is missing, 2 usage error.
 */
public final class KernelCompileCommand {
    /** Usage text. */
    public static final String USAGE = """
      usage: xqa kernels compile [--all] [--arch sm_80,sm_90] [--cache-dir DIR] [--nvrtc-path PATH] [--jobs N]
        --all          every kernel variant (%d), not only the default set (%d)
        --arch         target architectures (default: the visible GPUs', else sm_80,sm_90); sm_90 is
                       compiled as sm_90a, which the kernel's wgmma path needs
        --cache-dir    JIT disk cache root (default: %s)
        --nvrtc-path   libnvrtc file or folder (default: XQA_NVRTC_PATH, CUDA_HOME, /usr/local/cuda, pip)
        --jobs         parallel compiles (default: available processors)
        --kernel-resources FOLDER  classpath folder with sources.txt (default: %s)
      """.formatted(
                    KernelVariant.all().size(),
                    defaultVariants().size(),
                    CacheFolders.defaultRoot(),
                    KernelSourceLoader.KERNEL_FOLDER);

    private KernelCompileCommand() {}

    /** Runs with the given arguments, printing to stdout/stderr; returns the exit code. */
    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    /** Runs with the given arguments and output streams; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CompileArgs a;
        try {
            a = CompileArgs.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("xqa kernels compile: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (a.help()) {
            out.print(USAGE);
            return 0;
        }
        Optional<KernelSources> sources =
                KernelSourceLoader.load(KernelCompileCommand.class.getClassLoader(), a.resources());
        if (sources.isEmpty()) {
            err.println("xqa kernels compile: no kernel sources on the classpath at " + a.resources());
            return 1;
        }
        Nvrtc nvrtc;
        try {
            nvrtc = Nvrtc.load(a.nvrtcPath());
        } catch (NvrtcException e) {
            err.println("xqa kernels compile: " + e.getMessage());
            return 1;
        }
        JitCache cache = new JitCache(sources.get(), nvrtc, JitCache.Options.at(a.cacheDir()));
        if (cache.diskRoot().isEmpty()) {
            err.println("xqa kernels compile: " + cache.diskDisabledReason().orElse("no disk cache"));
            return 1;
        }
        List<KernelVariant> variants = a.all() ? KernelVariant.all() : defaultVariants();
        List<SmArch> archs = a.archs() != null ? a.archs() : DefaultArchs.get();
        return compileAll(cache, variants, archs, a, out, err);
    }

    /** The variants compiled without {@code --all}: both same-type pairs, every head dim, groups 1, 4, 8. */
    public static List<KernelVariant> defaultVariants() {
        List<KernelVariant> out = new ArrayList<>();
        for (ElementType t : KernelVariant.Q_TYPES) {
            for (int d : new int[] {64, 128, 256}) {
                for (int g : new int[] {1, 4, 8}) {
                    out.add(new KernelVariant(t, t, d, g));
                }
            }
        }
        return out;
    }

    private static int compileAll(
            JitCache cache,
            List<KernelVariant> variants,
            List<SmArch> archs,
            CompileArgs a,
            PrintStream out,
            PrintStream err) {
        int total = variants.size() * archs.size();
        out.printf(
                "xqa kernels compile: %d variants x %s = %d kernels, %s, %d threads%n",
                variants.size(), archs, total, cache.nvrtc().description(), a.jobs());
        out.printf("cache: %s%n", cache.diskRoot().get());
        long t0 = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(a.jobs());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SmArch arch : archs) {
                for (KernelVariant v : variants) {
                    futures.add(pool.submit(() -> {
                        String line;
                        try {
                            CompiledKernel k = cache.get(v, arch);
                            line = String.format(
                                    "%s %s: %s in %.1f ms",
                                    v.label(),
                                    arch.compileTarget(),
                                    k.origin() == CompiledKernel.Origin.DISK ? "cached" : "compiled",
                                    k.nanos() / 1e6);
                        } catch (RuntimeException e) {
                            line = v.label() + " " + arch.compileTarget() + ": FAILED: " + e.getMessage();
                            if (failed.incrementAndGet() == 1) {
                                err.println(e.getMessage());
                            }
                        }
                        int n = done.incrementAndGet();
                        if (!a.all() || line.contains("FAILED") || n % Math.max(1, total / 20) == 0 || n == total) {
                            out.printf("[%" + String.valueOf(total).length() + "d/%d] %s%n", n, total, line);
                        }
                    }));
                }
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            err.println("xqa kernels compile: interrupted: " + e);
            return 1;
        } finally {
            pool.shutdownNow();
        }
        JitStats.Snapshot s = cache.stats();
        out.printf(
                "done in %.1f s: %d compiled (%.1f s of compile time%s), %d already cached (%.1f ms to load%s), %d failed%n",
                (System.nanoTime() - t0) / 1e9,
                s.compiles(),
                s.compileNanos() / 1e9,
                s.compiles() > 0 ? String.format(", mean %.0f ms", s.compileNanos() / 1e6 / s.compiles()) : "",
                s.diskHits(),
                s.diskLoadNanos() / 1e6,
                s.diskHits() > 0 ? String.format(", mean %.2f ms", s.diskLoadNanos() / 1e6 / s.diskHits()) : "",
                failed.get());
        return failed.get() == 0 ? 0 : 1;
    }

    /** Entry point for {@code java -cp ... org.sparkxqa.core.gpu.jit.KernelCompileCommand ...}. */
    public static void main(String[] args) {
        System.exit(run(args));
    }
}
