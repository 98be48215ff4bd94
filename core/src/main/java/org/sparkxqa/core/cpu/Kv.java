package org.sparkxqa.core.cpu;

import java.lang.foreign.MemorySegment;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;

/**
 * Decoding of q and of K/V slices for one head from their little-endian {@code [tokens, heads, D]}
 * layouts, read straight from the request's byte views (arrays or off-heap memory alike). K/V values
 * are the stored ones, unscaled; {@link ElementType#bytes()} bytes per element.
 */
final class Kv {
    private Kv() {}

    /** Decodes tokens {@code start..start+n} of head {@code kvHead} into {@code dst} ({@code [n, D]}). */
    static void decodeHead(AttentionSpec spec, MemorySegment src, int kvHead, int start, int n, float[] dst) {
        int dim = spec.headDim();
        long tokenElems = (long) spec.kvHeads() * dim;
        ElementType type = spec.kvType();
        for (int t = 0; t < n; t++) {
            long elem = (start + t) * tokenElems + (long) kvHead * dim;
            for (int d = 0; d < dim; d++) {
                dst[t * dim + d] = type.decodeAt(src, type.bytes() * (elem + d));
            }
        }
    }
}
