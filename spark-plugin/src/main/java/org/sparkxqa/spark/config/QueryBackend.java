package org.sparkxqa.spark.config;

import java.util.Locale;

/**
 * Which of an executor's backends a query's batched operators use ({@code spark.xqa.queryBackend}, a
 * runtime setting): the one {@code spark.xqa.backend} chose when the executor started, or the CPU
 * reference backend (e.g. to compare it with the GPU on the same data in one session).
 */
public enum QueryBackend {
    /** The executor's backend, as {@code spark.xqa.backend} chose it at startup (the default). */
    EXECUTOR,
    /** The CPU reference backend, opened on first use with the executor's task cores. */
    CPU;

    /** Parses {@code executor|cpu} (any case). */
    public static QueryBackend parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown query backend '" + name + "': use executor or cpu");
        }
    }

    /** The configuration word: {@code executor} or {@code cpu}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
