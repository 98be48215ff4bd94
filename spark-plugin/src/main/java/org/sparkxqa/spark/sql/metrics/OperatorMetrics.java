package org.sparkxqa.spark.sql.metrics;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.execution.metric.SQLMetrics;
import org.apache.spark.util.CollectionAccumulator;
import org.sparkxqa.spark.eval.BatchListener;
import org.sparkxqa.spark.eval.BatchStats;
import org.sparkxqa.spark.eval.InvalidRowException;
import org.sparkxqa.spark.executor.ExecutorServices;
import org.sparkxqa.spark.executor.ExecutorUse;
import org.sparkxqa.spark.executor.XqaMetrics;

/**
 * The metrics of one batched operator. SQL metrics, shown in the Spark UI: rows, batches (backend
 * launches), invalid rows, backend time (the backend calls' wall time), bytes copied, JIT time, device
 * time (the kernels' GPU time between CUDA events), pack time and bytes packed (into pinned staging),
 * and the launches retried and batches
 * split after running out of device or pinned memory. Plus which executors did the work
 * with which backend and GPU ({@link ExecutorUse}, one entry per task). Created on the driver; tasks
 * add to them through {@link #taskListener}, which also feeds the executor-wide {@link XqaMetrics} of
 * the task's {@link ExecutorServices}.
 */
public record OperatorMetrics(
        SQLMetric rows,
        SQLMetric batches,
        SQLMetric invalidRows,
        SQLMetric backendTime,
        SQLMetric bytesCopied,
        SQLMetric jitTime,
        SQLMetric deviceTime,
        SQLMetric packTime,
        SQLMetric bytesPacked,
        SQLMetric oomRetries,
        SQLMetric oomSplits,
        CollectionAccumulator<ExecutorUse> executors)
        implements Serializable {

    /** New metrics registered with {@code sc} (on the driver, when the operator is planned). */
    public static OperatorMetrics create(SparkContext sc) {
        return new OperatorMetrics(
                SQLMetrics.createMetric(sc, "rows"),
                SQLMetrics.createMetric(sc, "batches"),
                SQLMetrics.createMetric(sc, "invalid rows"),
                SQLMetrics.createNanoTimingMetric(sc, "backend time", -1L),
                SQLMetrics.createSizeMetric(sc, "bytes copied", -1L),
                SQLMetrics.createNanoTimingMetric(sc, "JIT time", -1L),
                SQLMetrics.createNanoTimingMetric(sc, "device time", -1L),
                SQLMetrics.createNanoTimingMetric(sc, "pack time", -1L),
                SQLMetrics.createSizeMetric(sc, "bytes packed", -1L),
                SQLMetrics.createMetric(sc, "OOM retries"),
                SQLMetrics.createMetric(sc, "OOM splits"),
                sc.collectionAccumulator("xqa executors"));
    }

    /** The SQL metrics by key, as {@code SparkPlan.metrics} lists them. */
    public Map<String, SQLMetric> byKey() {
        return Map.ofEntries(
                Map.entry("rows", rows),
                Map.entry("batches", batches),
                Map.entry("invalidRows", invalidRows),
                Map.entry("backendTime", backendTime),
                Map.entry("bytesCopied", bytesCopied),
                Map.entry("jitTime", jitTime),
                Map.entry("deviceTime", deviceTime),
                Map.entry("packTime", packTime),
                Map.entry("bytesPacked", bytesPacked),
                Map.entry("oomRetries", oomRetries),
                Map.entry("oomSplits", oomSplits));
    }

    /** The distinct executor uses recorded so far (read on the driver after the query ran). */
    public List<ExecutorUse> executorUses() {
        return List.copyOf(new LinkedHashSet<>(executors.value()));
    }

    /** A listener for one task on {@code services}: adds every batch to the metrics and reports this executor once. */
    public BatchListener taskListener(ExecutorServices services) {
        XqaMetrics executorMetrics = services.metrics();
        return new BatchListener() {
            private boolean reported;

            @Override
            public void onBatch(BatchStats s) {
                rows.add(s.rows());
                invalidRows.add(s.invalidRows());
                executorMetrics.invalidRows.inc(s.invalidRows());
                if (!s.launched()) {
                    return;
                }
                batches.add(1);
                backendTime.add(s.launchNanos());
                bytesCopied.add(s.bytesIn() + s.bytesOut());
                jitTime.add(s.jitNanos());
                deviceTime.add(s.deviceNanos());
                packTime.add(s.packNanos());
                bytesPacked.add(s.packedBytes());
                oomRetries.add(s.oomRetries());
                oomSplits.add(s.oomSplits());
                executorMetrics.oomRetries.inc(s.oomRetries());
                executorMetrics.oomSplits.inc(s.oomSplits());
                executorMetrics.recordBatch(s.rows() - s.invalidRows(), s.launchNanos(), s.bytesIn() + s.bytesOut());
                if (!reported) {
                    executors.add(ExecutorUse.of(s.backend(), services.gpu()));
                    reported = true;
                }
            }

            @Override
            public void onFailingRow(InvalidRowException failure) {
                invalidRows.add(1);
                executorMetrics.invalidRows.inc();
            }
        };
    }
}
