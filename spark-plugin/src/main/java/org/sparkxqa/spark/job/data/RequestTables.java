package org.sparkxqa.spark.job.data;

import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.spark.source.RequestFileSource;

/**
 * How the job reads a Parquet request table: with the {@code xqa_requests} source (the default: q, k
 * and v reach the operator as views of the pages, {@link RequestFileSource}) or with Spark's own
 * Parquet source. A table with a column the request reader does not read falls back to Spark's source,
 * with a log line that names the column. Stateless.
 */
public final class RequestTables {
    private static final Logger LOG = LoggerFactory.getLogger(RequestTables.class);

    private RequestTables() {}

    /** The readers {@code run --reader} and the bench choose between. */
    public enum Reader {
        /** {@link RequestFileSource}, falling back to {@link #SPARK} where it cannot read a column. */
        XQA,
        /** Spark's vectorized Parquet scan, its batches sized by {@link ReaderBatchRows}. */
        SPARK;

        /** {@code xqa} or {@code spark}, any case. */
        public static Reader of(String name) {
            for (Reader r : values()) {
                if (r.name().equalsIgnoreCase(name)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown reader '" + name + "': expected xqa or spark");
        }
    }

    /**
     * Runs {@code body} over {@code input} read by {@code reader}: with Spark's scan inside
     * {@link ReaderBatchRows#during}, so its batches are sized for the requests in the files.
     */
    public static <T> T withTable(SparkSession spark, String input, Reader reader, Function<Dataset<Row>, T> body) {
        Dataset<Row> parquet = spark.read().parquet(input);
        if (reader == Reader.XQA) {
            String whyNot = RequestFileSource.whyNot(parquet.schema());
            if (whyNot == null) {
                LOG.info("reading {} with the Spark XQA request reader", input);
                return body.apply(
                        spark.read().format(RequestFileSource.SHORT_NAME).load(input));
            }
            LOG.info("reading {} with Spark's Parquet scan: {}", input, whyNot);
        }
        int rows = ReaderBatchRows.forInput(spark.sparkContext().hadoopConfiguration(), parquet.inputFiles());
        return ReaderBatchRows.during(spark, rows, () -> body.apply(parquet));
    }
}
