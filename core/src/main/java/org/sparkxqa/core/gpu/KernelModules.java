package org.sparkxqa.core.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sparkxqa.core.BackendMetrics;
import org.sparkxqa.core.concurrent.Futures;
import org.sparkxqa.core.gpu.cuda.CudaContext;
import org.sparkxqa.core.gpu.jit.JitCache;
import org.sparkxqa.core.gpu.target.KernelVariant;
import org.sparkxqa.core.gpu.target.SmArch;

/**
 * The kernel variants one {@link GpuBackend} has loaded, each exactly once: the CUBIN comes from the
 * JVM-wide {@link JitCache} (so each variant is compiled at most once per JVM), the module is loaded
 * into this backend's context on first use. Concurrent first uses of one variant wait for a single
 * load. Thread-safe; {@link #close} unloads everything and must not race with launches.
 */
final class KernelModules implements AutoCloseable {
    private final CudaContext context;
    private final JitCache jit;
    private final SmArch arch;
    private final BackendMetrics metrics;
    private final Map<KernelVariant, CompletableFuture<LoadedKernel>> loaded = new ConcurrentHashMap<>();

    KernelModules(CudaContext context, JitCache jit, SmArch arch, BackendMetrics metrics) {
        this.context = context;
        this.jit = jit;
        this.arch = arch;
        this.metrics = metrics;
    }

    /** The loaded kernel for {@code variant}, compiling or loading it now if needed (blocks meanwhile). */
    LoadedKernel get(KernelVariant variant) {
        CompletableFuture<LoadedKernel> mine = new CompletableFuture<>();
        CompletableFuture<LoadedKernel> existing = loaded.putIfAbsent(variant, mine);
        if (existing != null) {
            return Futures.join(existing);
        }
        try {
            JitCache.Fetch fetch = jit.fetch(variant, arch);
            if (fetch.source() == JitCache.Source.COMPILED) {
                metrics.jitCompiled(fetch.nanos());
            } else {
                metrics.jitCacheHit(fetch.nanos());
            }
            LoadedKernel k = LoadedKernel.load(context, variant, fetch.kernel().cubin());
            mine.complete(k);
            return k;
        } catch (RuntimeException | Error e) {
            loaded.remove(variant, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * Loads every variant, compiling up to {@code threads} at once (NVRTC is CPU-bound and thread-safe).
     * The first failure is rethrown after all have finished.
     */
    void prepare(List<KernelVariant> variants, int threads) {
        List<KernelVariant> todo = variants.stream().distinct().toList();
        if (todo.size() <= 1 || threads <= 1) {
            todo.forEach(this::get);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, todo.size()));
        try {
            List<Future<LoadedKernel>> futures = new ArrayList<>();
            for (KernelVariant v : todo) {
                futures.add(pool.submit(() -> get(v)));
            }
            RuntimeException first = null;
            for (Future<LoadedKernel> f : futures) {
                try {
                    f.get();
                } catch (Exception e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    if (first == null) {
                        first = cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Number of variants loaded (or loading). */
    int size() {
        return loaded.size();
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (CompletableFuture<LoadedKernel> f : loaded.values()) {
            LoadedKernel k = f.isDone() && !f.isCompletedExceptionally() ? f.join() : null;
            if (k != null) {
                try {
                    k.close();
                } catch (RuntimeException e) {
                    first = first == null ? e : first;
                }
            }
        }
        loaded.clear();
        if (first != null) {
            throw first;
        }
    }
}
