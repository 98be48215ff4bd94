package org.sparkxqa.spark.config;

import java.util.Locale;

/**
 * What happens to a row that breaks the data contract ({@code spark.xqa.onInvalidRow}, the job's
 * {@code --on-invalid}): fail the task naming the row, or give NULL {@code out} plus the reason in
 * {@code xqa_error}. No row is ever dropped.
 */
public enum InvalidRowPolicy {
    /** The task fails with the row's id and the reason (the default). */
    FAIL,
    /** {@code out} is NULL and {@code xqa_error} says why; the row is kept. */
    NULL;

    /** Parses {@code fail|null} (any case). */
    public static InvalidRowPolicy parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown invalid-row policy '" + name + "': use fail or null");
        }
    }

    /** The configuration word: {@code fail} or {@code null}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
