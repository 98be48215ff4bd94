package org.sparkxqa.core.fuzz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.sparkxqa.core.AttentionSpec;

/**
 * Draws valid requests (docs/DESIGN.md §1, docs/fp8.md) over a {@link FuzzSpace}: every type pair, head
 * dim and group of the space; {@code Lq} 1..64 and {@code Lk} from {@code Lq} on, biased to short (with
 * their bounds as edge cases) and kept within the space's work ({@code Lq = 64} where
 * {@code 64² × Hq × D} fits); chains, random and chain-shaped trees, random, empty and full packed masks;
 * sliding windows; custom softmax and K/V scales. Stateless; the randomness is the caller's.
 */
public final class CaseGenerator {
    private static final List<Integer> HEAD_DIMS =
            AttentionSpec.HEAD_DIMS.stream().sorted().toList();

    private final FuzzSpace space;

    public CaseGenerator(FuzzSpace space) {
        this.space = space;
    }

    /** A batch of 1..{@code maxBatch} requests sharing one spec. */
    public FuzzCase next(Random r) {
        FuzzSpec spec = spec(r);
        int n = 1 + r.nextInt(space.maxBatch());
        List<FuzzRequest> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            requests.add(request(r, spec));
        }
        return new FuzzCase(spec, requests);
    }

    /** A spec of the space, with a window half the time and custom scales a quarter / half of the time. */
    public FuzzSpec spec(Random r) {
        float scale = r.nextInt(4) == 0 ? 0.01f + r.nextFloat() * 0.99f : 0f;
        int window = r.nextBoolean() ? biased(r, 1, 700) : 0;
        return new FuzzSpec(
                pick(r, space.qTypes()),
                pick(r, space.kvTypes()),
                1 + r.nextInt(space.maxKvHeads()),
                pick(r, space.groups()),
                pick(r, HEAD_DIMS),
                scale,
                window,
                kvScale(r),
                kvScale(r));
    }

    /** One request for {@code spec}: lengths within the space's work bound, drafts, a value seed. */
    public FuzzRequest request(Random r, FuzzSpec spec) {
        long perToken = (long) spec.qHeads() * spec.headDim();
        int maxLq =
                (int) Math.max(1, Math.min(AttentionSpec.MAX_Q_LEN, Math.sqrt((double) space.maxWork() / perToken)));
        int lq = biased(r, 1, maxLq);
        int extra = (int) Math.min(AttentionSpec.MAX_KV_LEN - lq, Math.max(0, space.maxWork() / (lq * perToken) - lq));
        int lk = biased(r, lq, lq + extra);
        return switch (r.nextInt(12)) {
            case 0, 1, 2 -> new FuzzRequest(lq, lk, null, null, r.nextLong());
            case 3, 4, 5, 6 -> new FuzzRequest(lq, lk, randomTree(r, lq), null, r.nextLong());
            case 7 -> new FuzzRequest(lq, lk, chainShapedTree(lq), null, r.nextLong());
            case 8, 9 -> new FuzzRequest(lq, lk, null, randomMask(r, lq), r.nextLong());
            case 10 -> new FuzzRequest(lq, lk, null, Collections.nCopies(lq, 0L), r.nextLong());
            default -> new FuzzRequest(lq, lk, null, Collections.nCopies(lq, fullRow(lq)), r.nextLong());
        };
    }

    /** {@code parents[t]} uniform in {@code [-1, t)}. */
    static List<Integer> randomTree(Random r, int lq) {
        List<Integer> parents = new ArrayList<>(lq);
        for (int t = 0; t < lq; t++) {
            parents.add(r.nextInt(t + 1) - 1);
        }
        return parents;
    }

    /** {@code parents[t] = t - 1}: a chain given as a tree. */
    static List<Integer> chainShapedTree(int lq) {
        List<Integer> parents = new ArrayList<>(lq);
        for (int t = 0; t < lq; t++) {
            parents.add(t - 1);
        }
        return parents;
    }

    /** Bits {@code [0, lq)} set. */
    static long fullRow(int lq) {
        return lq == 64 ? -1L : (1L << lq) - 1;
    }

    private static List<Long> randomMask(Random r, int lq) {
        List<Long> rows = new ArrayList<>(lq);
        for (int i = 0; i < lq; i++) {
            rows.add(r.nextLong() & fullRow(lq));
        }
        return rows;
    }

    /** In {@code [lo, hi]}: each bound an eighth of the time, else biased towards {@code lo} (u³). */
    static int biased(Random r, int lo, int hi) {
        int pick = r.nextInt(8);
        if (pick == 0 || lo == hi) {
            return lo;
        }
        if (pick == 1) {
            return hi;
        }
        double u = r.nextDouble();
        return lo + (int) Math.min(hi - lo, Math.floor(u * u * u * (hi - lo + 1.0)));
    }

    private static float kvScale(Random r) {
        return r.nextBoolean() ? 1f : (float) Math.pow(2, -6 + 8 * r.nextDouble());
    }

    private static <T> T pick(Random r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }
}
