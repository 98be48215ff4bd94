package org.sparkxqa.spark.reference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;

/**
 * A naive float64 evaluation of DESIGN.md §1 for checking results: two-pass softmax, no chunking,
 * its own visibility code. Independent of the CPU backend on purpose (only the element decoding is
 * shared); K/V are dequantised (stored × k/v scale) in double before use. Inputs must already be
 * valid (see {@code Request.of}). Stateless and thread-safe.
 */
public final class Float64Attention {
  private Float64Attention() {}

  /**
   * The exact output {@code [Lq, Hq, D]} of one request. {@code parents} and {@code packedMask} are
   * alternatives; both null means a chain.
   */
  public static double[] compute(AttentionSpec spec, byte[] q, byte[] k, byte[] v, int[] parents, byte[] packedMask) {
    int hq = spec.qHeads();
    int hkv = spec.kvHeads();
    int dim = spec.headDim();
    int lq = q.length / spec.qTokenBytes();
    int lk = k.length / spec.kvTokenBytes();
    int prefix = lk - lq;
    boolean[][] draftVisible = draftVisibility(lq, parents, packedMask);
    double[] qs = decode(spec.qType(), q, 1);
    double[] ks = decode(spec.kvType(), k, spec.kScale());
    double[] vs = decode(spec.kvType(), v, spec.vScale());
    double[] out = new double[lq * hq * dim];
    double[] scores = new double[lk];
    for (int i = 0; i < lq; i++) {
      for (int h = 0; h < hq; h++) {
        int kvHead = h / spec.group();
        int qBase = (i * hq + h) * dim;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < lk; j++) {
          boolean visible = j < prefix || draftVisible[i][j - prefix];
          if (spec.window() > 0 && (prefix + i) - j >= spec.window()) {
            visible = false;
          }
          double s = Double.NEGATIVE_INFINITY;
          if (visible) {
            s = 0;
            int kBase = (j * hkv + kvHead) * dim;
            for (int d = 0; d < dim; d++) {
              s += qs[qBase + d] * ks[kBase + d];
            }
            s *= spec.scale();
          }
          scores[j] = s;
          max = Math.max(max, s);
        }
        if (max == Double.NEGATIVE_INFINITY) {
          continue;
        }
        double sum = 0;
        for (int j = 0; j < lk; j++) {
          scores[j] = Math.exp(scores[j] - max);
          sum += scores[j];
        }
        for (int j = 0; j < lk; j++) {
          double p = scores[j] / sum;
          if (p == 0) {
            continue;
          }
          int vBase = (j * hkv + kvHead) * dim;
          for (int d = 0; d < dim; d++) {
            out[qBase + d] += p * vs[vBase + d];
          }
        }
      }
    }
    return out;
  }

  /** {@code [i][t]}: query token {@code i} sees draft {@code t}. */
  static boolean[][] draftVisibility(int lq, int[] parents, byte[] packedMask) {
    boolean[][] sees = new boolean[lq][lq];
    for (int i = 0; i < lq; i++) {
      if (parents != null) {
        for (int t = i; t >= 0; t = parents[t]) {
          sees[i][t] = true;
        }
      } else if (packedMask != null) {
        ByteBuffer words = ByteBuffer.wrap(packedMask).order(ByteOrder.LITTLE_ENDIAN);
        int perRow = (lq + 31) / 32;
        for (int t = 0; t < lq; t++) {
          sees[i][t] = ((words.getInt((i * perRow + t / 32) * 4) >>> (t % 32)) & 1) != 0;
        }
      } else {
        for (int t = 0; t <= i; t++) {
          sees[i][t] = true;
        }
      }
    }
    return sees;
  }

  /** Real values: stored value (decoded exactly) times the dequantisation scale, in double. */
  private static double[] decode(ElementType type, byte[] bytes, float scale) {
    float[] stored = type.decodeAll(bytes);
    double[] out = new double[stored.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (double) stored[i] * scale;
    }
    return out;
  }
}
