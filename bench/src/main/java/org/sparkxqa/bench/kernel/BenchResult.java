package org.sparkxqa.bench.kernel;

import java.util.List;
import java.util.Locale;

/**
 * One workload's measured kernel time and what it means against the copy-rate floor. Immutable.
 *
 * @param medianMs median kernel time (attention + merge), milliseconds
 * @param hostMs median host time to enqueue one launch with its event pair, milliseconds
 * @param ctas attention CTAs of one launch
 * @param splits KV splits of one request
 * @param splitTokens keys per KV split of one request ({@link org.sparkxqa.core.gpu.kernel.SplitSize})
 * @param sameSizeCopyRate bytes per second (read + written) of a device-to-device copy that moves the
 *     workload's K/V bytes in all (half read, half written): the copy rate at this workload's size
 */
record BenchResult(
        int index,
        Workload workload,
        double medianMs,
        double minMs,
        double hostMs,
        int ctas,
        int splits,
        int splitTokens,
        double sameSizeCopyRate) {

    double kvGbPerSecond() {
        return workload.kvBytes() / (medianMs * 1e-3) / 1e9;
    }

    /** Share of the copy-rate floor reached: {@code (kvBytes / copyRate) / time}. */
    double percentOfCopyFloor(double copyBytesPerSecond) {
        return 100.0 * (workload.kvBytes() / copyBytesPerSecond) / (medianMs * 1e-3);
    }

    /**
     * A markdown table of the results: the share of the copy floor (copy rate of a 1 GiB copy), and of a
     * copy moving the same bytes as the workload (small workloads cannot reach the large-copy rate
     * either). The peers script adds the matmul term.
     */
    static String table(List<BenchResult> rows, double copyRate) {
        StringBuilder s = new StringBuilder("| # | workload | KV MB | CTAs | splits | keys per split | our time µs "
                + "| KV GB/s | % of copy floor | same-size copy µs | % of same-size copy | host µs per launch |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (BenchResult r : rows) {
            s.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %.0f | %d | %d | %d | %.1f | %.0f | %.0f%% | %.1f | %.0f%% | %.1f |%n",
                    r.index,
                    r.workload.label(),
                    r.workload.kvBytes() / 1e6,
                    r.ctas,
                    r.splits,
                    r.splitTokens,
                    r.medianMs * 1e3,
                    r.kvGbPerSecond(),
                    r.percentOfCopyFloor(copyRate),
                    r.workload.kvBytes() / r.sameSizeCopyRate * 1e6,
                    r.percentOfCopyFloor(r.sameSizeCopyRate),
                    r.hostMs * 1e3));
        }
        return s.toString();
    }

    /** This row as a JSON object (for manifest.json). */
    String json(String dir) {
        Workload w = workload;
        return String.format(
                Locale.ROOT,
                "{\"index\": %d, \"id\": \"%s\", \"dir\": \"%s\", \"B\": %d, \"Hq\": %d, "
                        + "\"Hkv\": %d, \"Lq\": %d, \"Lk\": %d, \"D\": %d, \"dtype\": \"bf16\", \"kv_dtype\": \"%s\", \"scale\": %s, "
                        + "\"k_scale\": %s, \"v_scale\": %s, \"kv_bytes\": %d, "
                        + "\"our_ms\": %.6f, \"our_min_ms\": %.6f, \"host_ms\": %.6f, \"ctas\": %d, \"splits\": %d, "
                        + "\"split_tokens\": %d, "
                        + "\"same_size_copy_bytes_per_s\": %.1f}",
                index,
                w.id(),
                dir,
                w.batch(),
                w.qHeads(),
                w.kvHeads(),
                w.lq(),
                w.lk(),
                Workload.HEAD_DIM,
                w.kvType().sqlName(),
                Float.toString(w.spec().scale()),
                Float.toString(w.spec().kScale()),
                Float.toString(w.spec().vScale()),
                w.kvBytes(),
                medianMs,
                minMs,
                hostMs,
                ctas,
                splits,
                splitTokens,
                sameSizeCopyRate);
    }
}
