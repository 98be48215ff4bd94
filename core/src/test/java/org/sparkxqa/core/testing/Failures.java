package org.sparkxqa.core.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Asserts that code fails with a given exception type and a message that names the problem. */
public final class Failures {
    private Failures() {}

    /** Runs {@code code}, expects {@code type}, and checks the message contains every fragment. */
    public static <T extends Throwable> T assertFails(Class<T> type, Executable code, String... fragments) {
        T thrown = assertThrows(type, code);
        String message = thrown.getMessage();
        for (String fragment : fragments) {
            assertTrue(
                    message != null && message.contains(fragment),
                    () -> "message '" + message + "' should contain '" + fragment + "'");
        }
        return thrown;
    }
}
