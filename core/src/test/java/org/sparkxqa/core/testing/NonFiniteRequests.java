package org.sparkxqa.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.reference.Visibility;

/**
 * Requests with one NaN or infinity written into q, k or v, and the checks of docs/DESIGN.md §1
 * "Non-finite inputs": the rows that must become NaN, and that every other row keeps the bits it has
 * without the poison. Lq=4 drafts with parents {@code [-1, 0, 0, 1]} after a 16-token prefix, so draft
 * 1 is seen by rows 1 and 3 only and draft 2 by row 2 only.
 */
public final class NonFiniteRequests {
    /** The draft tree of every request here. */
    public static final int[] TREE = {-1, 0, 0, 1};
    /** Query tokens and keys. */
    public static final int LQ = 4;

    public static final int LK = 20;

    private NonFiniteRequests() {}

    /** The bytes of a clean request (values from {@code seed}): q, k, v. */
    public static byte[][] clean(AttentionSpec spec, long seed) {
        Request r = new RandomRequests(seed).request(spec, LQ, LK, RandomRequests.Draft.CHAIN);
        return new byte[][] {
            r.q().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
            r.k().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
            r.v().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)
        };
    }

    /** A copy of {@code bytes} with element {@code index} replaced by the raw bit pattern {@code bits}. */
    public static byte[] poke(ElementType type, byte[] bytes, long index, int bits) {
        byte[] out = bytes.clone();
        int at = (int) (index * type.bytes());
        out[at] = (byte) bits;
        if (type.bytes() == 2) {
            out[at + 1] = (byte) (bits >>> 8);
        }
        return out;
    }

    /** The request over {@code qkv} with {@link #TREE}. */
    public static Request request(AttentionSpec spec, byte[][] qkv) {
        return Request.of(spec, qkv[0], qkv[1], qkv[2], TREE, null);
    }

    /** Whether query row {@code (i, h)} sees key {@code j} (the float64 reference's visibility). */
    public static boolean sees(AttentionSpec spec, int i, int j) {
        return Visibility.of(spec, LQ, LK, TREE, null).visible(i, j);
    }

    /**
     * Runs clean and poisoned requests in one batch and checks, per output row {@code (i, h)}: all NaN
     * where {@code allNaN}, non-finite exactly in dim {@code dim} where {@code oneDim} (other dims keep
     * their bits), and otherwise the clean bits.
     */
    public static void check(
            AttentionBackend backend,
            AttentionSpec spec,
            byte[][] clean,
            byte[][] poisoned,
            RowRule allNaN,
            RowRule oneDim,
            int dim,
            String label) {
        List<byte[]> outs =
                backend.attend(spec, List.of(request(spec, clean), request(spec, poisoned), request(spec, clean)));
        assertTrue(java.util.Arrays.equals(outs.get(0), outs.get(2)), label + ": the clean neighbours differ");
        assertEquals(outs.get(0).length, outs.get(1).length, label + ": output bytes");
        float[] want = spec.qType().decodeAll(outs.get(0));
        float[] got = spec.qType().decodeAll(outs.get(1));
        int d = spec.headDim();
        for (int i = 0; i < LQ; i++) {
            for (int h = 0; h < spec.qHeads(); h++) {
                for (int e = 0; e < d; e++) {
                    int at = (i * spec.qHeads() + h) * d + e;
                    String where = label + ": out[" + i + ", " + h + ", " + e + "] = " + got[at];
                    if (allNaN.applies(i, h)) {
                        assertTrue(Float.isNaN(got[at]), where + ", expected NaN");
                    } else if (oneDim.applies(i, h) && e == dim) {
                        assertTrue(!Float.isFinite(got[at]), where + ", expected non-finite");
                    } else {
                        assertEquals(
                                Float.floatToRawIntBits(want[at]),
                                Float.floatToRawIntBits(got[at]),
                                where + ", expected the clean " + want[at]);
                    }
                }
            }
        }
    }

    /** Which output rows a rule covers. */
    @FunctionalInterface
    public interface RowRule {
        /** No row. */
        RowRule NONE = (i, h) -> false;

        boolean applies(int i, int h);
    }
}
