package org.sparkxqa.spark.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.sparkxqa.core.AttentionSpec;

/**
 * The ways a valid row is broken, each with the reason the invalid-row policy must give
 * (docs/DESIGN.md §2, README "Invalid rows"): NULL q/k/v, byte lengths that are not whole tokens, v and k
 * of different lengths, {@code Lq} 0 or 65, {@code Lk < Lq}, trees of the wrong length (empty and huge
 * included), parents out of range (huge ones included) and NULL tree entries.
 */
enum Corruption {
    NULL_Q,
    NULL_K,
    NULL_V,
    Q_NOT_WHOLE_TOKENS,
    K_NOT_WHOLE_TOKENS,
    V_NOT_K_LENGTH,
    EMPTY_Q,
    LQ_65,
    LK_BELOW_LQ,
    EMPTY_TREE,
    TREE_TOO_LONG,
    HUGE_TREE,
    PARENT_NOT_EARLIER,
    PARENT_HUGE,
    PARENT_BELOW_MINUS_ONE,
    NULL_PARENT;

    /** Breaks {@code row} (a valid row of {@code spec}); the result carries the expected reason. */
    FuzzRow apply(FuzzRow row, AttentionSpec spec, Random r) {
        int qt = spec.qTokenBytes();
        int kt = spec.kvTokenBytes();
        int lq = row.q().length / qt;
        int lk = row.k().length / kt;
        return switch (this) {
            case NULL_Q -> row.broken(null, row.k(), row.v(), row.tree(), "q is NULL");
            case NULL_K -> row.broken(row.q(), null, row.v(), row.tree(), "k is NULL");
            case NULL_V -> row.broken(row.q(), row.k(), null, row.tree(), "v is NULL");
            case Q_NOT_WHOLE_TOKENS -> {
                int len = row.q().length + 1 + r.nextInt(qt - 1);
                yield row.broken(
                        Arrays.copyOf(row.q(), len),
                        row.k(),
                        row.v(),
                        row.tree(),
                        "q has " + len + " bytes, not a whole number of " + qt + "-byte tokens");
            }
            case K_NOT_WHOLE_TOKENS -> {
                int len = row.k().length - 1 - r.nextInt(kt - 1);
                yield row.broken(
                        row.q(),
                        Arrays.copyOf(row.k(), len),
                        row.v(),
                        row.tree(),
                        "k has " + len + " bytes, not a whole number of " + kt + "-byte tokens");
            }
            case V_NOT_K_LENGTH -> {
                byte[] v = Arrays.copyOf(row.v(), row.v().length + kt * (1 + r.nextInt(3)));
                yield row.broken(
                        row.q(), row.k(), v, row.tree(), "v has " + v.length + " bytes but k has " + row.k().length);
            }
            case EMPTY_Q -> row.broken(new byte[0], row.k(), row.v(), null, "Lq=0 query tokens; supported are 1..64");
            case LQ_65 -> {
                byte[] kv = new byte[65 * kt];
                yield row.broken(new byte[65 * qt], kv, kv, null, "Lq=65 query tokens; supported are 1..64");
            }
            case LK_BELOW_LQ -> {
                byte[] q = new byte[(lk + 1) * qt];
                yield row.broken(q, row.k(), row.v(), null, "Lk=" + lk + " is smaller than Lq=" + (lk + 1));
            }
            case EMPTY_TREE ->
                row.broken(row.q(), row.k(), row.v(), List.of(), "tree has 0 entries but q has Lq=" + lq);
            case TREE_TOO_LONG ->
                row.broken(
                        row.q(),
                        row.k(),
                        row.v(),
                        minusOnes(lq + 1),
                        "tree has " + (lq + 1) + " entries but q has Lq=" + lq);
            case HUGE_TREE ->
                row.broken(row.q(), row.k(), row.v(), minusOnes(100_000), "tree has 100000 entries but q has Lq=" + lq);
            case PARENT_NOT_EARLIER -> badParent(row, lq, r, t -> t + r.nextInt(lq - t + 3));
            case PARENT_HUGE -> badParent(row, lq, r, t -> Integer.MAX_VALUE);
            case PARENT_BELOW_MINUS_ONE -> badParent(row, lq, r, t -> r.nextBoolean() ? -2 : Integer.MIN_VALUE);
            case NULL_PARENT -> {
                int t = r.nextInt(lq);
                List<Integer> tree = new ArrayList<>(minusOnes(lq));
                tree.set(t, null);
                yield row.broken(row.q(), row.k(), row.v(), tree, "tree[" + t + "] is NULL");
            }
        };
    }

    private static FuzzRow badParent(FuzzRow row, int lq, Random r, java.util.function.IntUnaryOperator parent) {
        int t = r.nextInt(lq);
        List<Integer> tree = new ArrayList<>(minusOnes(lq));
        int p = parent.applyAsInt(t);
        tree.set(t, p);
        return row.broken(
                row.q(),
                row.k(),
                row.v(),
                tree,
                "tree[" + t + "] = " + p + ": a parent must be -1 or an earlier token in [0, " + t + ")");
    }

    private static List<Integer> minusOnes(int n) {
        return Collections.nCopies(n, -1);
    }
}
