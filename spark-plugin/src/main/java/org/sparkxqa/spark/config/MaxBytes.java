package org.sparkxqa.spark.config;

import java.io.Serializable;

/**
 * The value of {@code spark.xqa.batch.maxBytes} as the query plans it: {@link Auto} (each executor
 * derives the budget from its heap and task slots) or a {@link Fixed} number of bytes. The executor
 * turns either into a concrete budget ({@code org.sparkxqa.spark.batch.BatchBudget#resolve}), so
 * code that cuts batches only ever sees a resolved byte count. Immutable.
 */
public sealed interface MaxBytes extends Serializable permits MaxBytes.Auto, MaxBytes.Fixed {
    /** The {@code auto} value. */
    MaxBytes AUTO = new Auto();

    /** {@code auto}: derived on each executor. */
    record Auto() implements MaxBytes {
        @Override
        public String toString() {
            return "auto";
        }
    }

    /** An explicit budget, used as is. @param bytes at least 1 */
    record Fixed(long bytes) implements MaxBytes {
        public Fixed {
            if (bytes < 1) {
                throw new IllegalArgumentException("a byte budget must be >= 1, got " + bytes);
            }
        }

        @Override
        public String toString() {
            return Long.toString(bytes);
        }
    }

    /** {@code auto} (any case), else a size with an optional k/m/g suffix. */
    static MaxBytes parse(String text) {
        return text.equalsIgnoreCase("auto") ? AUTO : new Fixed(ConfigKey.bytes(text));
    }
}
