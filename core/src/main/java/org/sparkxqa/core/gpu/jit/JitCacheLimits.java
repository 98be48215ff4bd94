package org.sparkxqa.core.gpu.jit;

import java.time.Duration;
import java.util.Objects;

/**
 * How far the JIT disk cache may grow ({@link CachePruner}): a kernel file not read or written for
 * {@code maxAge} is deleted, and while all files together exceed {@code maxBytes} the least recently
 * used ones outside the folders in use are deleted. Immutable; validated on construction.
 *
 * @param maxBytes total bytes of kernel files, {@code >= 1}
 * @param maxAge time since a file's last use (its modification time: writes and disk hits set it), positive
 */
public record JitCacheLimits(long maxBytes, Duration maxAge) {
    /** 1 GiB and 30 days (the defaults of {@code spark.xqa.jit.cache.maxBytes} and {@code .maxAgeDays}). */
    public static final JitCacheLimits DEFAULTS = new JitCacheLimits(1L << 30, Duration.ofDays(30));

    public JitCacheLimits {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("JIT cache maxBytes must be >= 1, got " + maxBytes);
        }
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("JIT cache maxAge must be positive, got " + maxAge);
        }
    }
}
