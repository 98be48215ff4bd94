package org.sparkxqa.core.gpu.jit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.core.concurrent.Futures;
import org.sparkxqa.core.gpu.nvrtc.CompileOptions;
import org.sparkxqa.core.gpu.nvrtc.Nvrtc;
import org.sparkxqa.core.gpu.target.KernelVariant;
import org.sparkxqa.core.gpu.target.SmArch;

/**
 * Compiled kernels by {@link JitKey}: in memory (each key compiled at most once per cache, even when
 * many threads ask at once: later callers wait on the first caller's future), then on disk (verified
 * on load; a corrupt file is logged, recompiled and overwritten), then NVRTC. The disk is optional: a
 * root that cannot be made private and safe disables it with a logged reason. Processes sharing the
 * disk cache compile a key once, under a per-key file lock whose wait is bounded, so nothing hangs on
 * it ({@link DiskCache}). Opening the disk cache prunes it once ({@link CachePruner}, with
 * {@link Options#limits()}). Thread-safe; use one instance per JVM ({@link #shared}).
 */
public final class JitCache {
    private static final Logger LOG = LoggerFactory.getLogger(JitCache.class);
    private static final Map<List<Object>, JitCache> SHARED = new ConcurrentHashMap<>();

    /**
     * @param diskRoot disk cache root, or null for memory only
     * @param projectVersion part of every key, normally {@link ProjectVersion#get()}
     * @param limits the disk cache's size and age limits, applied when it opens
     */
    public record Options(Path diskRoot, String projectVersion, JitCacheLimits limits) {
        public Options {
            Objects.requireNonNull(limits, "limits");
        }

        /** {@link JitCacheLimits#DEFAULTS}. */
        public Options(Path diskRoot, String projectVersion) {
            this(diskRoot, projectVersion, JitCacheLimits.DEFAULTS);
        }

        /** The default root ({@link CacheFolders#defaultRoot()}) and this build's version. */
        public static Options defaults() {
            return new Options(CacheFolders.defaultRoot(), ProjectVersion.get());
        }

        /** Disk cache at {@code root} (null: none) and this build's version. */
        public static Options at(Path root) {
            return new Options(root, ProjectVersion.get());
        }

        /** Disk cache at {@code root} (null: none) with {@code limits}, and this build's version. */
        public static Options at(Path root, JitCacheLimits limits) {
            return new Options(root, ProjectVersion.get(), limits);
        }
    }

    private final KernelSources sources;
    private final Nvrtc nvrtc;
    private final Options options;
    private final DiskCache disk;
    private final String diskDisabledReason;
    private final Map<JitKey, CompletableFuture<CompiledKernel>> memory = new ConcurrentHashMap<>();
    private final JitStats stats = new JitStats();

    public JitCache(KernelSources sources, Nvrtc nvrtc, Options options) {
        this.sources = sources;
        this.nvrtc = nvrtc;
        this.options = options;
        DiskCache d = null;
        String reason = options.diskRoot() == null ? "no disk cache folder configured" : null;
        if (options.diskRoot() != null) {
            try {
                d = DiskCache.open(
                        options.diskRoot(),
                        options.limits(),
                        folder -> JitKey.isFolderOf(folder, options.projectVersion(), nvrtc.version()));
            } catch (IOException | RuntimeException e) {
                reason = "disk cache disabled: " + e.getMessage();
                LOG.warn("JIT {}; kernels are compiled in memory only", reason);
            }
        }
        this.disk = d;
        this.diskDisabledReason = reason;
    }

    /** The JVM-wide cache for these sources, compiler and options, created on first use. */
    public static JitCache shared(KernelSources sources, Nvrtc nvrtc, Options options) {
        return SHARED.computeIfAbsent(
                List.of(sources.sha256(), nvrtc.description(), options), k -> new JitCache(sources, nvrtc, options));
    }

    /** The key for a variant and architecture under this cache's sources, compiler and version. */
    public JitKey keyOf(KernelVariant variant, SmArch arch) {
        return new JitKey(variant, arch, nvrtc.version(), sources.sha256(), options.projectVersion());
    }

    /**
     * The CUBIN for {@code variant} on {@code arch}: from memory, disk or a fresh compile. Blocks while
     * compiling (this thread's or another's).
     *
     * @throws org.sparkxqa.core.gpu.nvrtc.KernelCompileException when the source does not compile
     */
    public CompiledKernel get(KernelVariant variant, SmArch arch) {
        return fetch(variant, arch).kernel();
    }

    /** Where one {@link #fetch} found its kernel. */
    public enum Source {
        /** This cache held it already (possibly after waiting on another thread's compile). */
        MEMORY,
        /** Read and verified from the disk cache. */
        DISK,
        /** Compiled by NVRTC in this call. */
        COMPILED
    }

    /**
     * One lookup's result: the kernel, where this call found it, and how long this call took.
     *
     * @param nanos wall-clock nanoseconds of this call (the compile, the disk load, or the memory hit)
     */
    public record Fetch(CompiledKernel kernel, Source source, long nanos) {}

    /** Like {@link #get}, also saying where the kernel came from in this call (for metrics). */
    public Fetch fetch(KernelVariant variant, SmArch arch) {
        long t0 = System.nanoTime();
        JitKey key = keyOf(variant, arch);
        CompletableFuture<CompiledKernel> mine = new CompletableFuture<>();
        CompletableFuture<CompiledKernel> existing = memory.putIfAbsent(key, mine);
        if (existing != null) {
            CompiledKernel k = Futures.join(existing);
            stats.memoryHits.increment();
            return new Fetch(k, Source.MEMORY, System.nanoTime() - t0);
        }
        try {
            CompiledKernel k = DiskOrCompile.get(key, disk, this::compile, stats, LOG::warn);
            mine.complete(k);
            return new Fetch(k, k.origin() == CompiledKernel.Origin.DISK ? Source.DISK : Source.COMPILED, k.nanos());
        } catch (RuntimeException | Error e) {
            memory.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private byte[] compile(JitKey key) {
        return nvrtc.compile(
                sources.program(), CompileOptions.of(key.arch(), key.variant().macros()));
    }

    /** Where {@code key}'s file is (or would be) on disk; empty without a disk cache. */
    public Optional<Path> diskPath(JitKey key) {
        return disk == null ? Optional.empty() : Optional.of(disk.pathOf(key));
    }

    /** The disk cache root in use; empty when there is none (see {@link #diskDisabledReason()}). */
    public Optional<Path> diskRoot() {
        return disk == null ? Optional.empty() : Optional.of(disk.root());
    }

    /** Why there is no disk cache; empty when there is one. */
    public Optional<String> diskDisabledReason() {
        return Optional.ofNullable(diskDisabledReason);
    }

    public Nvrtc nvrtc() {
        return nvrtc;
    }

    public KernelSources sources() {
        return sources;
    }

    public JitStats.Snapshot stats() {
        return stats.snapshot();
    }
}
