package org.sparkxqa.spark.executor;

import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.cpu.CpuBackend;
import org.sparkxqa.spark.config.QueryBackend;

/**
 * Gives the backend a query uses on this executor ({@link ExecutorBackends} in production, any
 * backend in tests). The backends it returns stay owned by the source: callers never close them.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface BackendSource {
    /**
     * The backend for {@code spark.xqa.queryBackend=choice}, opened now if needed.
     *
     * @throws org.sparkxqa.core.BackendUnavailableException when it cannot open
     */
    AttentionBackend backend(QueryBackend choice);

    /** Whether launches on {@code b} go to a GPU (and so take a {@link GpuPermits} permit). */
    static boolean usesGpu(AttentionBackend b) {
        return !(b instanceof CpuBackend);
    }
}
