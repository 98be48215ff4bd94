package org.sparkxqa.spark.plugin;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.BackendKind;
import org.sparkxqa.core.Backends;
import org.sparkxqa.core.cpu.CpuBackend;
import org.sparkxqa.spark.config.XqaConf;
import scala.Tuple2;

/**
 * The one {@link AttentionBackend} of this executor JVM, shared by all its tasks. Opened lazily with
 * the kind the executor plugin configured, or (extensions used without the plugin) the executor's
 * {@code spark.xqa.backend}; closed by the plugin's shutdown or, failing that, at JVM exit. This class
 * owns the backend: callers use it and never close it. Thread-safe.
 */
public final class ExecutorBackend {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorBackend.class);
  private static BackendKind configured;
  private static BackendKind openKind;
  private static AttentionBackend backend;
  private static boolean hookAdded;

  private ExecutorBackend() {}

  /** Sets the kind to open (the executor plugin does this at start). */
  public static synchronized void configure(BackendKind kind) {
    configured = kind;
  }

  /** The shared backend, opened now if needed. */
  public static synchronized AttentionBackend get() {
    BackendKind want = configured != null ? configured : kindFromSparkEnv();
    if (backend != null && want == openKind) {
      return backend;
    }
    close();
    backend = Backends.open(want);
    openKind = want;
    LOG.info("Spark XQA: opened backend {} (spark.xqa.backend={})", backend.name(), want.configName());
    if (!hookAdded) {
      Runtime.getRuntime().addShutdownHook(new Thread(ExecutorBackend::close, "xqa-backend-close"));
      hookAdded = true;
    }
    return backend;
  }

  /** Whether a backend is open now. */
  public static synchronized boolean isOpen() {
    return backend != null;
  }

  /** Whether launches on {@code b} go to a GPU (and so take a {@link GpuTaskSemaphore} permit). */
  public static boolean usesGpu(AttentionBackend b) {
    return !(b instanceof CpuBackend);
  }

  /** Closes the backend if open; a later {@link #get} opens a new one. */
  public static synchronized void close() {
    if (backend != null) {
      try {
        backend.close();
      } finally {
        backend = null;
        openKind = null;
      }
    }
  }

  /** Forgets the plugin's configuration and closes the backend (plugin shutdown). */
  public static synchronized void reset() {
    configured = null;
    close();
  }

  private static BackendKind kindFromSparkEnv() {
    SparkEnv env = SparkEnv.get();
    Map<String, String> settings = new HashMap<>();
    if (env != null) {
      for (Tuple2<String, String> kv : env.conf().getAll()) {
        settings.put(kv._1(), kv._2());
      }
    }
    return XqaConf.from(settings).get(XqaConf.BACKEND);
  }
}
