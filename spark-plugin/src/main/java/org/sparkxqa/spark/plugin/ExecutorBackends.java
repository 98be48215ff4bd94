package org.sparkxqa.spark.plugin;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.BackendKind;
import org.sparkxqa.core.backends.Backends;
import org.sparkxqa.core.cpu.CpuBackend;
import org.sparkxqa.spark.config.QueryBackend;
import org.sparkxqa.spark.config.XqaConf;

/**
 * The backends of this executor JVM, one per {@link BackendKind}, opened on first use and shared by
 * all its tasks. {@link #current} is the one tasks use: the kind the executor plugin chose at start
 * ({@link #configure}), or, when the session extensions run without the plugin, the executor's
 * {@code spark.xqa.backend}; {@link #forQuery} lets a query ask for the CPU backend instead. A CPU
 * backend gets the executor's task cores as threads ({@link ExecutorCores}), not the whole host's.
 * A failed open is not remembered, so the next task retries and sees the
 * same clear error. This class owns the backends: callers use them and never close them; the
 * plugin's shutdown closes them all, and so does JVM exit. Thread-safe.
 */
public final class ExecutorBackends {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorBackends.class);
  private static final Map<BackendKind, AttentionBackend> OPEN = new EnumMap<>(BackendKind.class);
  private static BackendKind configured;
  private static boolean hookAdded;

  private ExecutorBackends() {}

  /** Sets the kind {@link #current} opens (the executor plugin does this at start). */
  public static synchronized void configure(BackendKind kind) {
    configured = kind;
  }

  /** The backend tasks of this executor use, opened now if needed. */
  public static synchronized AttentionBackend current() {
    return get(configured != null ? configured : kindFromSparkEnv());
  }

  /** The backend a query with {@code spark.xqa.queryBackend=choice} uses: {@link #current} or the CPU backend. */
  public static AttentionBackend forQuery(QueryBackend choice) {
    return choice == QueryBackend.CPU ? get(BackendKind.CPU) : current();
  }

  /**
   * The shared backend of this kind, opened now if needed.
   *
   * @throws org.sparkxqa.core.BackendUnavailableException when it cannot open (e.g. {@code gpu} without a GPU)
   */
  public static synchronized AttentionBackend get(BackendKind kind) {
    AttentionBackend backend = OPEN.get(kind);
    if (backend == null) {
      ExecutorCores cores = ExecutorSettings.cores();
      backend = Backends.open(kind, ExecutorGpuOptions.of(ExecutorSettings.xqa()), cores.cores());
      OPEN.put(kind, backend);
      LOG.info("Spark XQA: opened backend {} (spark.xqa.backend={}; executor: {})", backend.name(), kind.configName(),
          cores);
      if (!hookAdded) {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorBackends::closeAll, "xqa-backends-close"));
        hookAdded = true;
      }
    }
    return backend;
  }

  /** Whether any backend is open now. */
  public static synchronized boolean isOpen() {
    return !OPEN.isEmpty();
  }

  /** The kinds whose backend is open now (a kind is the one asked for: {@code auto} may hold a CPU backend). */
  public static synchronized Set<BackendKind> openKinds() {
    return Set.copyOf(OPEN.keySet());
  }

  /** Whether launches on {@code b} go to a GPU (and so take a {@link GpuTaskSemaphore} permit). */
  public static boolean usesGpu(AttentionBackend b) {
    return !(b instanceof CpuBackend);
  }

  /** Closes every open backend and forgets the plugin's choice; a later call opens anew. */
  public static synchronized void closeAll() {
    configured = null;
    try {
      OPEN.values().forEach(AttentionBackend::close);
    } finally {
      OPEN.clear();
    }
  }

  private static BackendKind kindFromSparkEnv() {
    return ExecutorSettings.xqa().get(XqaConf.BACKEND);
  }
}
