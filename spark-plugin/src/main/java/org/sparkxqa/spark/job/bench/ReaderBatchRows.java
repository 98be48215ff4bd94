package org.sparkxqa.spark.job.bench;

import org.apache.spark.sql.SparkSession;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.BatchCap;

/**
 * Rows per batch of Spark's vectorized Parquet scan for requests of a known largest size. Spark's
 * default, 4096 rows, suits narrow tables; a request holds megabytes of K/V, so 4096 of them per
 * scan batch and task exhausts the heap (seen on the H100 at {@code local[16]}: each of 16 tasks
 * reserved hundreds of MB of column vectors). The scan batch is sized to one launch's budget
 * instead ({@link BatchCap#BYTES} of q+k+v), so launches are not cut smaller than
 * they would be anyway (a launch never spans two scan batches). Stateless.
 */
public final class ReaderBatchRows {
    static final String KEY = "spark.sql.parquet.columnarReaderBatchSize";
    static final int SPARK_DEFAULT = 4096;

    private ReaderBatchRows() {}

    /** Rows of at most {@code maxQLen} query and {@code maxKvLen} key tokens that fit one launch budget. */
    public static int forRequests(AttentionSpec spec, int maxQLen, int maxKvLen) {
        long rowBytes = (long) maxQLen * spec.qTokenBytes() + 2L * maxKvLen * spec.kvTokenBytes();
        return (int) Math.clamp(BatchCap.BYTES / rowBytes, 1, SPARK_DEFAULT);
    }

    /** Sets {@code rows} for this session's later scans unless the user set the key; returns the value in force. */
    static int applyUnlessSet(SparkSession spark, int rows) {
        if (spark.conf().contains(KEY)) {
            return Integer.parseInt(spark.conf().get(KEY));
        }
        spark.conf().set(KEY, Integer.toString(rows));
        return rows;
    }
}
