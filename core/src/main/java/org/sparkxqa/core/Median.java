package org.sparkxqa.core;

import java.util.Arrays;
import java.util.Collection;

/**
 * The median of measured values (the benchmarks' summary statistic): the middle value, or the mean of
 * the middle two for an even count. Written here rather than taken from Commons Math, which core does
 * not otherwise depend on. Stateless.
 */
public final class Median {
    private Median() {}

    /**
     * The median of {@code values} (not modified).
     *
     * @throws IllegalArgumentException when there are none
     */
    public static double of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the median of no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The median of {@code values}, as doubles. */
    public static double of(Collection<? extends Number> values) {
        return of(values.stream().mapToDouble(Number::doubleValue).toArray());
    }
}
