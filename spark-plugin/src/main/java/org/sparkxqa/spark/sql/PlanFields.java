package org.sparkxqa.spark.sql;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The constructor fields of a plan node written in Java, in order, as Spark's {@code Product} view of a
 * node needs them ({@code productArity}, {@code productElement}: tree printing, {@code makeCopy},
 * plan equality). A node builds one from its fields and forwards those methods, {@code equals} and
 * {@code hashCode} to it, so the field list is written once per node. Immutable.
 *
 * @param values the fields in constructor order (none null)
 */
public record PlanFields(List<Object> values) {
    /** The fields {@code values}, in constructor order. */
    public static PlanFields of(Object... values) {
        return new PlanFields(Collections.unmodifiableList(Arrays.asList(values)));
    }

    /** {@code productArity}. */
    public int arity() {
        return values.size();
    }

    /** {@code productElement(n)}. */
    public Object element(int n) {
        if (n < 0 || n >= values.size()) {
            throw new IndexOutOfBoundsException(n);
        }
        return values.get(n);
    }
}
