package org.sparkxqa.spark.job.data;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.BatchCap;

/**
 * Rows per batch of Spark's vectorized Parquet scan for request rows. Spark's default, 4096 rows,
 * suits narrow tables; a request holds megabytes of K/V, so 4096 of them per scan batch and task
 * exhausts the heap (seen on the H100 at {@code local[16]}: each of 16 tasks reserved hundreds of MB
 * of column vectors), and the scan's vectors, which grow from empty for every file, copy and
 * page-fault more the larger they get (docs/PERFORMANCE.md, "CPU machine: what Spark's Parquet scan
 * spends"). The scan batch is sized to one launch's budget instead ({@link BatchCap#BYTES} of
 * q+k+v), so launches are not cut smaller than they would be anyway (a launch never spans two scan
 * batches). {@code bench} knows its largest request; {@code run} reads it from the input's footers.
 * Stateless.
 */
public final class ReaderBatchRows {
    /** Spark's setting for the rows of one scan batch. */
    public static final String KEY = "spark.sql.parquet.columnarReaderBatchSize";

    static final int SPARK_DEFAULT = 4096;
    /** Files whose footers {@link #forFiles} reads at most: their row groups stand for the input. */
    static final int SAMPLED_FILES = 16;

    private static final Set<String> REQUEST_COLUMNS = Set.of("q", "k", "v");
    private static final Logger LOG = LoggerFactory.getLogger(ReaderBatchRows.class);

    private ReaderBatchRows() {}

    /** Rows of at most {@code maxQLen} query and {@code maxKvLen} key tokens that fit one launch budget. */
    public static int forRequests(AttentionSpec spec, int maxQLen, int maxKvLen) {
        return forRowBytes((long) maxQLen * spec.qTokenBytes() + 2L * maxKvLen * spec.kvTokenBytes());
    }

    /** Rows of {@code rowBytes} each that fit one launch budget, within [1, Spark's default]. */
    static int forRowBytes(long rowBytes) {
        return (int) Math.clamp(BatchCap.BYTES / Math.max(1, rowBytes), 1, SPARK_DEFAULT);
    }

    /**
     * Rows per scan batch for Parquet request files: the launch budget over the largest q+k+v bytes
     * per row of any row group among the first {@value #SAMPLED_FILES} files (footers only; the mean
     * of a row group, since Parquet keeps no per-row sizes). Spark's default when no footer names q,
     * k or v (the evaluation then reports the missing columns itself).
     *
     * @throws IOException when a footer cannot be read
     */
    static int forFiles(Configuration conf, String[] files) throws IOException {
        long largest = 0;
        for (String file : Arrays.copyOf(files, Math.min(files.length, SAMPLED_FILES))) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
                for (BlockMetaData group : reader.getFooter().getBlocks()) {
                    largest = Math.max(largest, requestBytesPerRow(group));
                }
            }
        }
        return largest == 0 ? SPARK_DEFAULT : forRowBytes(largest);
    }

    /**
     * {@link #forFiles}, or Spark's default, logged, when a footer cannot be read: the sizing is only a
     * hint, and Spark's scan then fails on that file in its own words.
     */
    public static int forInput(Configuration conf, String[] files) {
        try {
            return forFiles(conf, files);
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "could not size scan batches from the input's footers ({}); using Spark's {} rows",
                    e,
                    SPARK_DEFAULT);
            return SPARK_DEFAULT;
        }
    }

    private static long requestBytesPerRow(BlockMetaData group) {
        if (group.getRowCount() == 0) {
            return 0;
        }
        long bytes = 0;
        for (ColumnChunkMetaData column : group.getColumns()) {
            if (REQUEST_COLUMNS.contains(column.getPath().toDotString())) {
                bytes += column.getTotalUncompressedSize();
            }
        }
        return (bytes + group.getRowCount() - 1) / group.getRowCount();
    }

    /**
     * Runs {@code body} with {@code rows} per scan batch unless the user set the key, and then unsets
     * it again, so later queries of the session keep Spark's default.
     */
    public static <T> T during(SparkSession spark, int rows, Supplier<T> body) {
        if (spark.conf().contains(KEY)) {
            LOG.info("Parquet scan batches of {} rows, as {} says", spark.conf().get(KEY), KEY);
            return body.get();
        }
        LOG.info(
                "Parquet scan batches of {} rows (one launch budget of the largest requests; set {} to choose)",
                rows,
                KEY);
        spark.conf().set(KEY, Integer.toString(rows));
        try {
            return body.get();
        } finally {
            spark.conf().unset(KEY);
        }
    }
}
