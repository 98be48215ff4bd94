package org.sparkxqa.core.memory;

import java.util.Locale;

/**
 * Tells an allocator's "out of memory" apart from every other failure, for callers that split work
 * and retry only on the first. RMM and cuDF report an exhausted pool as {@link OutOfMemoryError} or
 * as an exception whose message (or a cause's) says out of memory; the project's own allocations
 * throw {@link OutOfBackendMemoryException}. Stateless.
 */
public final class OutOfMemoryCauses {
    private OutOfMemoryCauses() {}

    /** Whether {@code e} or one of its causes reports an exhausted allocator. */
    public static boolean isOutOfMemory(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError || c instanceof OutOfBackendMemoryException) {
                return true;
            }
        }
        return saysOutOfMemory(e);
    }

    /** Whether the message of {@code e} or of one of its causes says out of memory. */
    private static boolean saysOutOfMemory(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("out of memory") || m.contains("out_of_memory") || m.contains("could not allocate")) {
                return true;
            }
        }
        return false;
    }
}
