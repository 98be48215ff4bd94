package org.sparkxqa.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.core.cpu.CpuBackend;

/** Opens the backend a {@link BackendKind} asks for. The caller owns (and closes) what it returns. */
public final class Backends {
  private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

  private Backends() {}

  /**
   * {@code cpu}: the CPU backend. {@code gpu}: the GPU backend, or {@link BackendUnavailableException}
   * naming what is missing. {@code auto}: the GPU backend when it opens, else the CPU backend, logging why.
   */
  public static AttentionBackend open(BackendKind kind) {
    return switch (kind) {
      case CPU -> new CpuBackend();
      case GPU -> openGpu();
      case AUTO -> {
        try {
          yield openGpu();
        } catch (BackendUnavailableException e) {
          LOG.info("backend=auto: using the CPU backend because the GPU backend is unavailable: {}", e.getMessage());
          yield new CpuBackend();
        }
      }
    };
  }

  private static AttentionBackend openGpu() {
    throw new BackendUnavailableException("the GPU backend is not part of this build yet");
  }
}
