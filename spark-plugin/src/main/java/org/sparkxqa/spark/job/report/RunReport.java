package org.sparkxqa.spark.job.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.sparkxqa.spark.executor.ExecutorUse;
import org.sparkxqa.spark.sql.exec.XqaAttentionExec;

/**
 * What one evaluation did, from the metrics of the batched operators it ran: rows, invalid rows,
 * batches (backend launches) and which executors did the work, with which backend and GPU. Retried
 * tasks count twice. Immutable (thread-safe); {@link #writeJson} gives the {@code --report} file. Built by
 * {@code run} and by the bench passes, from the operators {@link ExecutedOperators} found.
 *
 * @param executors distinct (executor, backend, GPU) uses, by executor id
 */
public record RunReport(long rows, long invalidRows, long batches, List<ExecutorUse> executors) {

    /** The sums over {@code operators} (whose metrics are final) and their distinct executor uses. */
    public static RunReport of(List<XqaAttentionExec> operators) {
        long rows = 0;
        long invalid = 0;
        long batches = 0;
        Set<ExecutorUse> uses = new LinkedHashSet<>();
        for (XqaAttentionExec op : operators) {
            rows += op.metrics().apply("rows").value();
            invalid += op.metrics().apply("invalidRows").value();
            batches += op.metrics().apply("batches").value();
            uses.addAll(op.executorUses());
        }
        List<ExecutorUse> sorted = new ArrayList<>(uses);
        sorted.sort(Comparator.comparing(ExecutorUse::executorId).thenComparing(ExecutorUse::backend));
        return new RunReport(rows, invalid, batches, List.copyOf(sorted));
    }

    /** The distinct backend names, joined; {@code none} when no backend call was made. */
    public String backendNames() {
        TreeSet<String> names = new TreeSet<>();
        executors.forEach(u -> names.add(u.backend()));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** Writes this report as JSON: {@code {"rows":..,"invalidRows":..,"batches":..,"executors":[..]}}. */
    public void writeJson(Path file) {
        try {
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file, e);
        }
    }
}
