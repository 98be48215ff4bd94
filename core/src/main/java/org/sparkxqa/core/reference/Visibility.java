package org.sparkxqa.core.reference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.Request;

/**
 * Which keys each query token of one request sees (docs/DESIGN.md §1): key {@code j} is visible to query
 * token {@code i} when it is in the committed prefix or is a draft that {@code i} sees (itself and its
 * ancestors), and, with a window {@code W > 0}, when {@code (prefix + i) - j < W}. Immutable; thread-safe.
 */
public final class Visibility {
    private final boolean[][] drafts;
    private final int prefix;
    private final int window;

    private Visibility(boolean[][] drafts, int lk, int window) {
        this.drafts = drafts;
        this.prefix = lk - drafts.length;
        this.window = window;
    }

    /**
     * Decodes the draft structure itself (not through {@link org.sparkxqa.core.DraftMask}): {@code parents}
     * (a tree) and {@code packedMask} (XQA words) are alternatives; both null means a chain. Inputs must be
     * valid (see {@link Request#of}).
     */
    public static Visibility of(AttentionSpec spec, int lq, int lk, int[] parents, byte[] packedMask) {
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
        return new Visibility(sees, lk, spec.window());
    }

    /** The visibility of a validated request, read from its {@link Request#mask()}. */
    public static Visibility of(AttentionSpec spec, Request r) {
        boolean[][] sees = new boolean[r.lq()][r.lq()];
        for (int i = 0; i < r.lq(); i++) {
            for (int t = 0; t < r.lq(); t++) {
                sees[i][t] = r.mask().sees(i, t);
            }
        }
        return new Visibility(sees, r.lk(), spec.window());
    }

    /** Whether query token {@code i} sees key {@code j} (0-based over prefix and drafts). */
    public boolean visible(int i, int j) {
        boolean tree = j < prefix || drafts[i][j - prefix];
        return tree && (window == 0 || (prefix + i) - j < window);
    }

    /** Whether query token {@code i} sees no key at all (its output is zero). */
    public boolean seesNothing(int i) {
        for (int j = 0; j < prefix + drafts.length; j++) {
            if (visible(i, j)) {
                return false;
            }
        }
        return true;
    }
}
