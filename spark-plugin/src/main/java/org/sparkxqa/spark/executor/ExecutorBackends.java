package org.sparkxqa.spark.executor;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.BackendKind;
import org.sparkxqa.core.backends.Backends;
import org.sparkxqa.core.cpu.CpuBackend;
import org.sparkxqa.core.gpu.GpuOptions;
import org.sparkxqa.core.memory.FaultInjectingBackend;
import org.sparkxqa.core.memory.InjectedFaults;
import org.sparkxqa.spark.config.QueryBackend;

/**
 * The backends of one executor, one per {@link BackendKind}, opened on first use and shared by all
 * its tasks. {@link #current} is the one tasks use: the kind the executor plugin chose at start, or,
 * when the session extensions run without the plugin, the executor's {@code spark.xqa.backend};
 * {@link #backend} lets a query ask for the CPU backend instead. A CPU backend gets the executor's
 * task cores as threads, not the whole host's. A failed open is not remembered, so the next task
 * retries and sees the same clear error. This object owns the backends: callers use them and never
 * close them; {@link #close} (the plugin's shutdown, or JVM exit) closes them all. Thread-safe.
 */
public final class ExecutorBackends implements BackendSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorBackends.class);
    private final Map<BackendKind, AttentionBackend> open = new EnumMap<>(BackendKind.class);
    private final Supplier<BackendKind> configured;
    private final Supplier<ExecutorCores> cores;
    private final Supplier<GpuOptions> gpuOptions;
    private final Supplier<InjectedFaults> faults;

    /**
     * @param configured the kind {@link #current} opens (asked at each call)
     * @param cores the executor's cores (threads of a CPU backend), asked when one opens
     * @param gpuOptions how a GPU backend is opened (asked for only when one is opened)
     * @param faults faults injected into every backend opened ({@code spark.xqa.test.faults}; tests only)
     */
    public ExecutorBackends(
            Supplier<BackendKind> configured,
            Supplier<ExecutorCores> cores,
            Supplier<GpuOptions> gpuOptions,
            Supplier<InjectedFaults> faults) {
        this.configured = configured;
        this.cores = cores;
        this.gpuOptions = gpuOptions;
        this.faults = faults;
    }

    /** Backends without injected faults. */
    public ExecutorBackends(
            Supplier<BackendKind> configured, Supplier<ExecutorCores> cores, Supplier<GpuOptions> gpuOptions) {
        this(configured, cores, gpuOptions, () -> InjectedFaults.NONE);
    }

    /** The backend tasks of this executor use, opened now if needed. */
    public AttentionBackend current() {
        return get(configured.get());
    }

    @Override
    public AttentionBackend backend(QueryBackend choice) {
        return choice == QueryBackend.CPU ? get(BackendKind.CPU) : current();
    }

    /**
     * The shared backend of this kind, opened now if needed.
     *
     * @throws org.sparkxqa.core.BackendUnavailableException when it cannot open (e.g. {@code gpu} without a GPU)
     */
    public synchronized AttentionBackend get(BackendKind kind) {
        AttentionBackend backend = open.get(kind);
        if (backend == null) {
            ExecutorCores c = cores.get();
            InjectedFaults f = faults.get();
            backend = Backends.open(kind, gpuOptions.get().withAllocationGuard(f), c.cores());
            if (!f.isNone()) {
                backend = new FaultInjectingBackend(backend, f, backend instanceof CpuBackend);
            }
            open.put(kind, backend);
            LOG.info(
                    "Spark XQA: opened backend {} (spark.xqa.backend={}; executor: {})",
                    backend.name(),
                    kind.configName(),
                    c);
        }
        return backend;
    }

    /**
     * Takes over the backends {@code other} has open (kinds this one has not opened), so that a backend
     * opened before the executor plugin ran (e.g. by the job, to fail early) is not opened twice. Backends
     * with injected faults take over nothing: theirs must be opened with the faults.
     */
    public void adopt(ExecutorBackends other) {
        if (!faults.get().isNone()) {
            return;
        }
        Map<BackendKind, AttentionBackend> theirs;
        synchronized (other) {
            theirs = new EnumMap<>(other.open);
            other.open.clear();
        }
        synchronized (this) {
            theirs.forEach((kind, backend) -> {
                if (open.putIfAbsent(kind, backend) != null) {
                    backend.close();
                }
            });
        }
    }

    /** Whether any backend is open now. */
    public synchronized boolean isOpen() {
        return !open.isEmpty();
    }

    /** The kinds whose backend is open now (a kind is the one asked for: {@code auto} may hold a CPU backend). */
    public synchronized Set<BackendKind> openKinds() {
        return Set.copyOf(open.keySet());
    }

    /** Closes every open backend; a later call opens anew. */
    @Override
    public synchronized void close() {
        try {
            open.values().forEach(AttentionBackend::close);
        } finally {
            open.clear();
        }
    }
}
