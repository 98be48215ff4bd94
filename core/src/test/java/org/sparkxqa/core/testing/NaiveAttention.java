package org.sparkxqa.core.testing;

import java.lang.foreign.ValueLayout;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.Request;

/**
 * DESIGN.md §1 written as plainly as possible, in float64: per (query token, query head) collect the
 * visible keys, two-pass softmax, weighted sum of values. K and V are dequantised first (real value = stored
 * value × k/v scale, in double). Slow; a reference for small sizes only.
 */
public final class NaiveAttention {
  private NaiveAttention() {}

  /** The exact output {@code [Lq, Hq, D]} of one request (before rounding to the q type). */
  public static double[] attend(AttentionSpec spec, Request r) {
    float[] q = spec.qType().decodeAll(r.q().toArray(ValueLayout.JAVA_BYTE));
    float[] k = spec.kvType().decodeAll(r.k().toArray(ValueLayout.JAVA_BYTE));
    float[] v = spec.kvType().decodeAll(r.v().toArray(ValueLayout.JAVA_BYTE));
    int hq = spec.qHeads();
    int hkv = spec.kvHeads();
    int dim = spec.headDim();
    double[] out = new double[r.lq() * hq * dim];
    double[] scores = new double[r.lk()];
    for (int i = 0; i < r.lq(); i++) {
      for (int h = 0; h < hq; h++) {
        int kvHead = h / (hq / hkv);
        int qBase = (i * hq + h) * dim;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < r.lk(); j++) {
          if (!visible(spec, r, i, j)) {
            continue;
          }
          double dot = 0;
          for (int d = 0; d < dim; d++) {
            dot += (double) q[qBase + d] * ((double) spec.kScale() * k[(j * hkv + kvHead) * dim + d]);
          }
          scores[j] = spec.scale() * dot;
          max = Math.max(max, scores[j]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
          continue;
        }
        double sum = 0;
        for (int j = 0; j < r.lk(); j++) {
          if (visible(spec, r, i, j)) {
            double p = Math.exp(scores[j] - max);
            sum += p;
            for (int d = 0; d < dim; d++) {
              out[qBase + d] += p * ((double) spec.vScale() * v[(j * hkv + kvHead) * dim + d]);
            }
          }
        }
        for (int d = 0; d < dim; d++) {
          out[qBase + d] /= sum;
        }
      }
    }
    return out;
  }

  /** Key {@code j} visible to query {@code i}: prefix or self/ancestor draft, and inside the window. */
  public static boolean visible(AttentionSpec spec, Request r, int i, int j) {
    int prefix = r.lk() - r.lq();
    boolean tree = j < prefix || r.mask().sees(i, j - prefix);
    boolean window = spec.window() == 0 || (prefix + i) - j < spec.window();
    return tree && window;
  }

  /** Whether query token {@code i} sees no key at all. */
  public static boolean seesNothing(AttentionSpec spec, Request r, int i) {
    for (int j = 0; j < r.lk(); j++) {
      if (visible(spec, r, i, j)) {
        return false;
      }
    }
    return true;
  }
}
