package org.sparkxqa.spark.exec;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.BackendKind;
import org.sparkxqa.core.Backends;

/**
 * One backend instance per {@link BackendKind} per JVM (per executor), opened on first use and
 * shared by all tasks; closed when the JVM shuts down. A failed open is not remembered, so the next
 * task tries again and sees the same clear error. Thread-safe.
 */
public final class SharedBackends {
  private static final ConcurrentMap<BackendKind, AttentionBackend> OPEN = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(SharedBackends::closeAll, "xqa-close-backends"));
  }

  private SharedBackends() {}

  /**
   * The shared backend of this kind; the caller must not close it.
   *
   * @throws org.sparkxqa.core.BackendUnavailableException when it cannot open (e.g. {@code gpu} without a GPU)
   */
  public static AttentionBackend get(BackendKind kind) {
    return OPEN.computeIfAbsent(kind, Backends::open);
  }

  private static void closeAll() {
    OPEN.values().forEach(AttentionBackend::close);
    OPEN.clear();
  }
}
