package org.sparkxqa.core.memory;

import java.util.List;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.Request;

/**
 * A backend with {@link InjectedFaults} around every call, for recovery tests; never used in
 * production. With {@code simulateStaging} (a CPU backend, which stages nothing) each call first
 * "allocates" what a GPU launch of the batch would stage, pinned host and device memory of its
 * q+k+v and out bytes, through the faults and counted in {@link LiveAllocations} until the call
 * ends, however it ends; a GPU backend checks the same faults before its real allocations. Then the
 * call faults run and the wrapped backend computes. Thread-safe as the wrapped backend is; owns it
 * ({@link #close} closes it).
 */
public final class FaultInjectingBackend implements AttentionBackend {
    private final AttentionBackend delegate;
    private final InjectedFaults faults;
    private final boolean simulateStaging;

    public FaultInjectingBackend(AttentionBackend delegate, InjectedFaults faults, boolean simulateStaging) {
        this.delegate = delegate;
        this.faults = faults;
        this.simulateStaging = simulateStaging;
    }

    /** The wrapped backend (owned by this one). */
    public AttentionBackend delegate() {
        return delegate;
    }

    @Override
    public String name() {
        return delegate.name() + " (injected faults: " + faults + ")";
    }

    @Override
    public List<byte[]> attend(AttentionSpec spec, List<Request> requests) {
        if (!simulateStaging) {
            faults.duringCall();
            return delegate.attend(spec, requests);
        }
        long bytes = 0;
        for (Request r : requests) {
            bytes += r.bytes() + (long) r.lq() * spec.qTokenBytes();
        }
        try (LiveAllocations.Reservation pinned = stage(MemoryKind.PINNED, bytes);
                LiveAllocations.Reservation device = stage(MemoryKind.DEVICE, bytes)) {
            faults.duringCall();
            return delegate.attend(spec, requests);
        }
    }

    private LiveAllocations.Reservation stage(MemoryKind kind, long bytes) {
        faults.beforeAllocate(kind, bytes);
        return LiveAllocations.reserve(kind, bytes);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
