package org.sparkxqa.core.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.DraftMask;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;

/** Seeded generator of valid random requests: normal values, random draft trees and packed masks. */
public final class RandomRequests {
    /** How a request's drafts are given: NULL tree, parent list, or packed mask. */
    public enum Draft {
        CHAIN,
        TREE,
        PACKED
    }

    private final Random random;

    public RandomRequests(long seed) {
        this.random = new Random(seed);
    }

    /** {@code count} values drawn from N(0, sigma²), encoded little-endian. */
    public byte[] normalValues(ElementType type, int count, double sigma) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextGaussian() * sigma);
        }
        return type.encodeAll(values);
    }

    /** A random draft tree: {@code parents[t]} uniform in {@code [-1, t)}. */
    public int[] tree(int lq) {
        int[] parents = new int[lq];
        for (int t = 0; t < lq; t++) {
            parents[t] = random.nextInt(t + 1) - 1;
        }
        return parents;
    }

    /** A random packed mask: each row sees each draft {@code < lq} with probability 1/2. */
    public byte[] packedMask(int lq) {
        int words = DraftMask.wordsPerRow(lq);
        ByteBuffer out = ByteBuffer.allocate(lq * words * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < lq; i++) {
            long row = lq == 64 ? random.nextLong() : random.nextLong() & ((1L << lq) - 1);
            out.putInt((int) row);
            if (words == 2) {
                out.putInt((int) (row >>> 32));
            }
        }
        return out.array();
    }

    /**
     * A request with {@code lq} query and {@code lk} K/V tokens, real values N(0, 1): K/V are stored as
     * value / scale of the spec's K and V scales (1 unless set), so they dequantise to N(0, 1).
     */
    public Request request(AttentionSpec spec, int lq, int lk, Draft draft) {
        byte[] q = normalValues(spec.qType(), lq * spec.qHeads() * spec.headDim(), 1.0);
        byte[] k = normalValues(spec.kvType(), lk * spec.kvHeads() * spec.headDim(), 1.0 / spec.kScale());
        byte[] v = normalValues(spec.kvType(), lk * spec.kvHeads() * spec.headDim(), 1.0 / spec.vScale());
        int[] parents = draft == Draft.TREE ? tree(lq) : null;
        byte[] packed = draft == Draft.PACKED ? packedMask(lq) : null;
        return Request.of(spec, q, k, v, parents, packed);
    }

    /** Requests with random {@code Lq} in 1..maxLq, {@code Lk} in Lq..maxLk and random draft kinds. */
    public List<Request> mixedBatch(AttentionSpec spec, int count, int maxLq, int maxLk) {
        return batch(spec, count, maxLq, maxLk, false);
    }

    /** Like {@link #mixedBatch}, but every request is a chain (no tree, no mask): for callers that pass none. */
    public List<Request> chainBatch(AttentionSpec spec, int count, int maxLq, int maxLk) {
        return batch(spec, count, maxLq, maxLk, true);
    }

    private List<Request> batch(AttentionSpec spec, int count, int maxLq, int maxLk, boolean chains) {
        List<Request> batch = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            int lq = 1 + random.nextInt(maxLq);
            int lk = lq + random.nextInt(Math.max(1, maxLk - lq + 1));
            int draft = random.nextInt(Draft.values().length);
            batch.add(request(spec, lq, lk, chains ? Draft.CHAIN : Draft.values()[draft]));
        }
        return batch;
    }
}
