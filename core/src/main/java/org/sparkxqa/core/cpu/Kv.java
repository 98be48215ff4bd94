package org.sparkxqa.core.cpu;

import org.sparkxqa.core.AttentionSpec;

/** Decoding of K/V slices for one head from the {@code [Lk, Hkv, D]} little-endian layout. */
final class Kv {
  private Kv() {}

  /** Decodes tokens {@code start..start+n} of head {@code kvHead} into {@code dst} ({@code [n, D]}). */
  static void decodeHead(AttentionSpec spec, byte[] src, int kvHead, int start, int n, float[] dst) {
    int dim = spec.headDim();
    int tokenElems = spec.kvHeads() * dim;
    for (int t = 0; t < n; t++) {
      int elem = (start + t) * tokenElems + kvHead * dim;
      for (int d = 0; d < dim; d++) {
        int b = 2 * (elem + d);
        short bits = (short) ((src[b] & 0xFF) | (src[b + 1] << 8));
        dst[t * dim + d] = spec.kvType().decode(bits);
      }
    }
  }
}
