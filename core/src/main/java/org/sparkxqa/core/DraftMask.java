package org.sparkxqa.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Which draft tokens each query token of a request sees (docs/DESIGN.md §1). Row {@code i} has bit
 * {@code t} set when query token {@code i} sees draft {@code t}; the committed prefix is always visible
 * and is not part of the mask. Immutable; thread-safe.
 */
public final class DraftMask {
    private final long[] rows;

    private DraftMask(long[] rows) {
        this.rows = rows;
    }

    /** A chain: token {@code i} sees drafts {@code 0..i} (what a NULL tree means). */
    public static DraftMask chain(int lq) {
        checkLength(lq);
        long[] rows = new long[lq];
        for (int i = 0; i < lq; i++) {
            rows[i] = i == 63 ? -1L : (1L << (i + 1)) - 1;
        }
        return new DraftMask(rows);
    }

    /**
     * A draft tree from its parent list: {@code parents[t]} is −1 (hangs off the prefix) or an earlier
     * token in {@code [0, t)}. Token {@code t} sees itself and all its ancestors.
     *
     * @throws InvalidRequestException naming the first bad index
     */
    public static DraftMask fromParents(int[] parents) {
        checkLength(parents.length);
        long[] rows = new long[parents.length];
        for (int t = 0; t < parents.length; t++) {
            int p = parents[t];
            if (p < -1 || p >= t) {
                throw new InvalidRequestException(
                        "tree[" + t + "] = " + p + ": a parent must be -1 or an earlier token in [0, " + t + ")");
            }
            rows[t] = (1L << t) | (p < 0 ? 0L : rows[p]);
        }
        return new DraftMask(rows);
    }

    /**
     * A packed mask in the XQA format: {@code lq} rows of {@code ceil(lq/32)} little-endian uint32 words,
     * bit {@code t % 32} of word {@code t / 32} set when the row sees draft {@code t}.
     *
     * @throws InvalidRequestException on a wrong length or a bit set for a draft {@code >= lq}
     */
    public static DraftMask fromPacked(byte[] packed, int lq) {
        checkLength(lq);
        int words = wordsPerRow(lq);
        if (packed.length != lq * words * 4) {
            throw new InvalidRequestException("packed mask has " + packed.length + " bytes, expected "
                    + (lq * words * 4) + " (" + lq + " rows of " + words + " uint32 words)");
        }
        ByteBuffer in = ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN);
        long[] rows = new long[lq];
        for (int i = 0; i < lq; i++) {
            long lo = in.getInt() & 0xFFFFFFFFL;
            long hi = words == 2 ? in.getInt() & 0xFFFFFFFFL : 0L;
            rows[i] = lo | (hi << 32);
            if (lq < 64 && (rows[i] >>> lq) != 0) {
                throw new InvalidRequestException("packed mask row " + i + " sets a bit for a draft >= Lq=" + lq);
            }
        }
        return new DraftMask(rows);
    }

    /** uint32 words per packed row: {@code ceil(lq / 32)}. */
    public static int wordsPerRow(int lq) {
        return (lq + 31) / 32;
    }

    /** Number of query tokens (rows). */
    public int lq() {
        return rows.length;
    }

    /** Whether query token {@code i} sees draft token {@code t}. */
    public boolean sees(int i, int t) {
        return ((rows[i] >>> t) & 1L) != 0;
    }

    /** Row {@code i} as a 64-bit set (bit {@code t}: sees draft {@code t}). */
    public long row(int i) {
        return rows[i];
    }

    /** The packed XQA form (see {@link #fromPacked}). */
    public byte[] toPacked() {
        int words = wordsPerRow(rows.length);
        ByteBuffer out = ByteBuffer.allocate(rows.length * words * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (long row : rows) {
            out.putInt((int) row);
            if (words == 2) {
                out.putInt((int) (row >>> 32));
            }
        }
        return out.array();
    }

    private static void checkLength(int lq) {
        if (lq < 1 || lq > AttentionSpec.MAX_Q_LEN) {
            throw new InvalidRequestException(
                    "draft tree/mask has " + lq + " tokens; supported are 1.." + AttentionSpec.MAX_Q_LEN);
        }
    }
}
