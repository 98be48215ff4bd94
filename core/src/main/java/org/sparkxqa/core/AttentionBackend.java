package org.sparkxqa.core;

import java.util.List;

/**
 * Computes spec-dec attention (docs/DESIGN.md §1) for a batch of validated requests. Implementations: the
 * CPU reference backend and the GPU backend. An instance may hold native resources and is closed by
 * its owner; {@link #attend} may be called from several threads at once.
 */
public interface AttentionBackend extends AutoCloseable {

    /** A short name for logs and reports, e.g. {@code cpu} or {@code gpu:0 (NVIDIA H100)}. */
    String name();

    /**
     * Computes the output of every request, in order: {@code out[r]} is {@code [Lq, Hq, D]} in
     * {@code spec.qType()}. Results depend only on each request itself (batch invariance).
     */
    List<byte[]> attend(AttentionSpec spec, List<Request> requests);

    /**
     * {@link #attend(AttentionSpec, List)} under {@code admission}. By default the whole call holds it;
     * a backend with a host-side stage may enter it once that stage is done (the GPU backend enters
     * after packing its first chunk into staging memory, so callers pack in parallel and only the device
     * work is bounded).
     */
    default List<byte[]> attend(AttentionSpec spec, List<Request> requests, DeviceAdmission admission) {
        try (DeviceAdmission.Ticket ticket = admission.enter()) {
            return attend(spec, requests);
        }
    }

    /** Releases native resources; a no-op for the CPU backend. */
    @Override
    void close();
}
