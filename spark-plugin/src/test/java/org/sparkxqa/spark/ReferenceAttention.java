package org.sparkxqa.spark;

import org.sparkxqa.core.AttentionSpec;

/** DESIGN.md §1 computed naively in float64, independent of the backends; for checking results only. */
public final class ReferenceAttention {
  private ReferenceAttention() {}

  /** {@code out[Lq][Hq][D]} flattened; {@code parents} null means a chain. */
  public static double[] attend(AttentionSpec s, float[] q, float[] k, float[] v, int[] parents) {
    int d = s.headDim();
    int lq = q.length / (s.qHeads() * d);
    int lk = k.length / (s.kvHeads() * d);
    int prefix = lk - lq;
    double[] out = new double[q.length];
    for (int i = 0; i < lq; i++) {
      for (int h = 0; h < s.qHeads(); h++) {
        int g = h / s.group();
        double[] logits = new double[lk];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < lk; j++) {
          logits[j] = Double.NaN;
          if (visible(s, parents, prefix, i, j)) {
            double dot = 0;
            for (int x = 0; x < d; x++) {
              dot += (double) q[(i * s.qHeads() + h) * d + x] * k[(j * s.kvHeads() + g) * d + x];
            }
            logits[j] = dot * s.scale();
            max = Math.max(max, logits[j]);
          }
        }
        double sum = 0;
        for (int j = 0; j < lk; j++) {
          sum += Double.isNaN(logits[j]) ? 0 : Math.exp(logits[j] - max);
        }
        for (int j = 0; j < lk; j++) {
          if (!Double.isNaN(logits[j])) {
            double p = Math.exp(logits[j] - max) / sum;
            for (int x = 0; x < d; x++) {
              out[(i * s.qHeads() + h) * d + x] += p * v[(j * s.kvHeads() + g) * d + x];
            }
          }
        }
      }
    }
    return out;
  }

  private static boolean visible(AttentionSpec s, int[] parents, int prefix, int i, int j) {
    if (s.window() > 0 && (prefix + i) - j >= s.window()) {
      return false;
    }
    if (j < prefix) {
      return true;
    }
    int t = j - prefix;
    if (parents == null) {
      return t <= i;
    }
    for (int a = i; a >= 0; a = parents[a]) {
      if (a == t) {
        return true;
      }
    }
    return false;
  }
}
