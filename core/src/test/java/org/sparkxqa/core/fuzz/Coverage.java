package org.sparkxqa.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what a generator drew, per label, so a run can print its spread and fail when a value the
 * contract has (a type, a head dim, a draft kind) was never drawn. Thread-safe.
 */
public final class Coverage {
    private final Map<String, Map<String, AtomicLong>> counts = new ConcurrentHashMap<>();

    /** Counts one draw of {@code value} under {@code label}. */
    public void see(String label, Object value) {
        counts.computeIfAbsent(label, l -> new ConcurrentHashMap<>())
                .computeIfAbsent(String.valueOf(value), v -> new AtomicLong())
                .incrementAndGet();
    }

    /** Fails unless every one of {@code values} was drawn at least once under {@code label}. */
    public void assertSeen(String label, Collection<?> values) {
        Map<String, AtomicLong> seen = counts.getOrDefault(label, Map.of());
        for (Object v : values) {
            assertTrue(seen.containsKey(String.valueOf(v)), () -> label + " " + v + " was never drawn: " + this);
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(counts)
                .forEach((label, values) ->
                        out.append("\n  ").append(label).append(": ").append(new TreeMap<>(values)));
        return out.toString();
    }
}
