package org.sparkxqa.spark.job.sql;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.SparkThrowable;
import org.sparkxqa.spark.job.error.UserErrors;

/**
 * Tells a plain query error from a bug for {@code xqa sql}. A query error is a user error that
 * {@link UserErrors} knows, an error Spark raised with a condition (e.g. {@code [ARITHMETIC_OVERFLOW]},
 * {@code [CAST_INVALID_INPUT]}) other than an internal error, or an {@link IllegalArgumentException} (a
 * function given a bad argument), also when wrapped in a task failure. Its message is Spark's own text,
 * query context included, as Spark's {@code spark-sql} prints it. Stateless and thread-safe.
 */
public final class QueryErrors {
    private QueryErrors() {}

    /** The message to print for {@code error}; empty when it is not a query error (a bug). */
    public static Optional<String> message(Throwable error) {
        Optional<String> user = UserErrors.message(error);
        if (user.isPresent()) {
            return user;
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SparkThrowable spark && spark.getCondition() != null && !spark.isInternalError()
                    || t instanceof IllegalArgumentException) {
                return Optional.of(String.valueOf(t.getMessage()).strip());
            }
        }
        return Optional.empty();
    }
}
