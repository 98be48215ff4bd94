package org.sparkxqa.core.memory;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults injected into backend calls to test recovery; never used in production. Written as a
 * comma-separated list ({@link #parse}): {@code oom-nth:N} (the Nth staging allocation, counting
 * from 1 over all kinds, fails as out of memory), {@code oom-above:BYTES} (every allocation larger
 * than BYTES fails, BYTES then being what is "available"), {@code fail-nth:N} (the Nth backend call
 * throws inside the call, after its staging is allocated), {@code block-nth:N} (the Nth call blocks
 * until its thread is interrupted, as a task kill does, then throws). Each {@code nth} fault fires
 * once per object. Thread-safe.
 */
public final class InjectedFaults implements AllocationGuard {
    /** Injects nothing. */
    public static final InjectedFaults NONE = new InjectedFaults(0, -1, 0, 0, "");

    private static final long BLOCK_LIMIT_MINUTES = 5;

    private final long oomNth;
    private final long oomAbove;
    private final long failNth;
    private final long blockNth;
    private final String text;
    private final AtomicLong allocations = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicInteger blocked = new AtomicInteger();

    private InjectedFaults(long oomNth, long oomAbove, long failNth, long blockNth, String text) {
        this.oomNth = oomNth;
        this.oomAbove = oomAbove;
        this.failNth = failNth;
        this.blockNth = blockNth;
        this.text = text;
    }

    /** Parses the list; empty or {@code none} is {@link #NONE}. @throws IllegalArgumentException naming the bad part */
    public static InjectedFaults parse(String spec) {
        long oomNth = 0, oomAbove = -1, failNth = 0, blockNth = 0;
        String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("none")) {
            return NONE;
        }
        for (String part : s.split(",")) {
            String[] kv = part.trim().split(":", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not KIND:VALUE");
            }
            long value = bytes(kv[1].trim());
            switch (kv[0].trim()) {
                case "oom-nth" -> oomNth = value;
                case "oom-above" -> oomAbove = value;
                case "fail-nth" -> failNth = value;
                case "block-nth" -> blockNth = value;
                default ->
                    throw new IllegalArgumentException(
                            "unknown fault '" + kv[0].trim() + "' (known: oom-nth, oom-above, fail-nth, block-nth)");
            }
        }
        return new InjectedFaults(oomNth, oomAbove, failNth, blockNth, s);
    }

    /** Whether this injects nothing. */
    public boolean isNone() {
        return oomNth == 0 && oomAbove < 0 && failNth == 0 && blockNth == 0;
    }

    @Override
    public void beforeAllocate(MemoryKind kind, long bytes) {
        long n = allocations.incrementAndGet();
        if (n == oomNth) {
            throw new OutOfBackendMemoryException(
                    kind, bytes, -1, new IllegalStateException("injected: allocation " + n));
        }
        if (oomAbove >= 0 && bytes > oomAbove) {
            throw new OutOfBackendMemoryException(
                    kind, bytes, oomAbove, new IllegalStateException("injected: above " + oomAbove + " bytes"));
        }
    }

    /** Called inside every backend call, after its staging is allocated: throws or blocks when due. */
    public void duringCall() {
        long n = calls.incrementAndGet();
        if (n == failNth) {
            throw new IllegalStateException("injected failure in backend call " + n);
        }
        if (n == blockNth) {
            blocked.incrementAndGet();
            try {
                TimeUnit.MINUTES.sleep(BLOCK_LIMIT_MINUTES);
                throw new IllegalStateException("injected block in backend call " + n + " was never interrupted");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("backend call " + n + " interrupted while blocked", e);
            } finally {
                blocked.decrementAndGet();
            }
        }
    }

    /** Calls blocked by {@code block-nth} right now (tests wait for 1 before killing the task). */
    public int blockedNow() {
        return blocked.get();
    }

    private static long bytes(String t) {
        long unit = t.endsWith("g") ? 1L << 30 : t.endsWith("m") ? 1L << 20 : t.endsWith("k") ? 1L << 10 : 1L;
        long v = Long.parseLong(unit == 1L ? t : t.substring(0, t.length() - 1)) * unit;
        if (v < 0) {
            throw new IllegalArgumentException("'" + t + "' must be >= 0");
        }
        return v;
    }

    @Override
    public String toString() {
        return isNone() ? "none" : text;
    }
}
