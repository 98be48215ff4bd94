package org.sparkxqa.core.fuzz;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A seeded property check: draws {@code tries} cases, runs the property on each and, on the first
 * failure, shrinks the case greedily (the first smaller candidate that still fails, until none does) and
 * fails with the seed, the case number, the shrunk case and the original one. Case {@code i} is drawn
 * from {@code new Random(seed + i)}, so {@code -Dxqa.fuzz.seed=S} replays a run exactly. The seed is
 * printed before the first case. {@code -Dxqa.fuzz.tries=N} overrides every property's tries.
 */
public final class PropertyRunner {
    private static final int MAX_SHRINK_STEPS = 500;

    private PropertyRunner() {}

    /** The seed of this JVM's runs: {@code -Dxqa.fuzz.seed}, else a random one. */
    public static long seed() {
        String given = System.getProperty("xqa.fuzz.seed");
        return given == null || given.isBlank() ? new Random().nextLong() : Long.parseLong(given.trim());
    }

    /** {@code -Dxqa.fuzz.tries} when given, else {@code tries}. */
    public static int tries(int tries) {
        String given = System.getProperty("xqa.fuzz.tries");
        return given == null || given.isBlank() ? tries : Integer.parseInt(given.trim());
    }

    /**
     * Checks {@code property} on {@code tries} drawn cases.
     *
     * @param name what the property is, for the messages
     * @param draw draws one case from a random source
     * @param shrink smaller variants of a case, most aggressive first (each must be valid)
     * @param property throws (an assertion) when the case breaks it
     * @return the number of cases checked
     */
    public static <T> int check(
            String name,
            long seed,
            int tries,
            Function<Random, T> draw,
            Function<T, List<T>> shrink,
            Consumer<T> property) {
        System.out.println(name + ": seed " + seed + ", " + tries + " cases (replay: -Dxqa.fuzz.seed=" + seed + ")");
        for (int i = 0; i < tries; i++) {
            T original = draw.apply(new Random(seed + i));
            Throwable failure = failure(property, original);
            if (failure != null) {
                T smallest = original;
                for (int step = 0; step < MAX_SHRINK_STEPS; step++) {
                    T smaller = null;
                    for (T candidate : shrink.apply(smallest)) {
                        Throwable f = failure(property, candidate);
                        if (f != null) {
                            smaller = candidate;
                            failure = f;
                            break;
                        }
                    }
                    if (smaller == null) {
                        break;
                    }
                    smallest = smaller;
                }
                throw new AssertionError(
                        name + " failed (seed " + seed + ", case " + i + "; replay with -Dxqa.fuzz.seed="
                                + seed + ")\n  shrunk case: " + smallest + "\n  failure: " + failure.getMessage()
                                + "\n  original case: " + original,
                        failure);
            }
        }
        return tries;
    }

    private static <T> Throwable failure(Consumer<T> property, T c) {
        try {
            property.accept(c);
            return null;
        } catch (AssertionError | RuntimeException e) {
            return e;
        }
    }
}
