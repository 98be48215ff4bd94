package org.sparkxqa.core.memory;

/**
 * Asked before a backend allocates staging memory; may refuse with an
 * {@link OutOfBackendMemoryException}, as a full allocator would. Production uses {@link #NONE};
 * tests inject out-of-memory faults through {@link InjectedFaults}. Implementations are
 * thread-safe (every caller of a shared backend asks the same guard).
 */
@FunctionalInterface
public interface AllocationGuard {
    /** Refuses nothing. */
    AllocationGuard NONE = (kind, bytes) -> {};

    /**
     * Called before allocating {@code bytes} of {@code kind}.
     *
     * @throws OutOfBackendMemoryException to make the allocation fail
     */
    void beforeAllocate(MemoryKind kind, long bytes);
}
