package org.sparkxqa.core.memory;

/**
 * A backend could not allocate the staging memory a launch needs. The launch did nothing that
 * needs undoing: the context stays usable, and a smaller batch may fit, so callers split the batch
 * and retry; a single request that still does not fit cannot be computed with this memory. Thrown
 * by the GPU backend's allocations (and by injected faults in tests).
 */
public final class OutOfBackendMemoryException extends RuntimeException {
    private final MemoryKind kind;
    private final long neededBytes;
    private final long availableBytes;

    /**
     * @param kind where the allocation failed
     * @param neededBytes the size asked for
     * @param availableBytes what was free at the time, or -1 when unknown
     * @param cause the allocator's own error, or null
     */
    public OutOfBackendMemoryException(MemoryKind kind, long neededBytes, long availableBytes, Throwable cause) {
        super(
                "out of " + kind.text() + " memory: needs " + neededBytes + " bytes, "
                        + (availableBytes < 0 ? "an unknown amount" : availableBytes + " bytes") + " available",
                cause);
        this.kind = kind;
        this.neededBytes = neededBytes;
        this.availableBytes = availableBytes;
    }

    public MemoryKind kind() {
        return kind;
    }

    /** Bytes the failed allocation asked for. */
    public long neededBytes() {
        return neededBytes;
    }

    /** Bytes free when it failed, or -1 when unknown. */
    public long availableBytes() {
        return availableBytes;
    }
}
