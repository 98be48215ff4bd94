package org.sparkxqa.core.gpu.bench;

import java.util.List;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;

/**
 * One kernel benchmark shape: {@code batch} requests of {@code lq} draft tokens (a random tree) and
 * {@code lk} keys each, bf16, head dim 128. Immutable.
 */
record Workload(int batch, int qHeads, int kvHeads, int lq, int lk) {
  /** Head dim of every workload. */
  static final int HEAD_DIM = 128;

  /** The standard set (the kernel engineer's bench.py uses the same). */
  static final List<Workload> STANDARD = List.of(new Workload(32, 32, 8, 8, 4096),
      new Workload(1, 64, 8, 8, 32768), new Workload(128, 32, 8, 4, 1024), new Workload(64, 16, 16, 4, 2048),
      new Workload(16, 64, 8, 16, 8192), new Workload(8, 32, 8, 64, 16384));

  AttentionSpec spec() {
    return AttentionSpec.of(ElementType.BF16, qHeads, kvHeads, HEAD_DIM);
  }

  /** {@code B=32 Hq/Hkv=32/8 Lq=8 Lk=4096}. */
  String label() {
    return "B=" + batch + " Hq/Hkv=" + qHeads + "/" + kvHeads + " Lq=" + lq + " Lk=" + lk;
  }

  /** File-name friendly label, e.g. {@code b32_h32x8_q8_k4096}. */
  String id() {
    return "b" + batch + "_h" + qHeads + "x" + kvHeads + "_q" + lq + "_k" + lk;
  }

  /** K and V bytes the kernel must read at least once. */
  long kvBytes() {
    return 2L * batch * lk * kvHeads * HEAD_DIM * 2;
  }

  /** Matrix flops if every query row met every key: {@code 4 * B * Hq * Lq * Lk * D}. */
  double flops() {
    return 4.0 * batch * qHeads * lq * (double) lk * HEAD_DIM;
  }
}
