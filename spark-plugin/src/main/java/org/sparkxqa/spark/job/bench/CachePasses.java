package org.sparkxqa.spark.job.bench;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.columnar.InMemoryTableScanExec;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.cache.XqaCachedBatchSerializer;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.config.QueryBackend;
import org.sparkxqa.spark.job.data.AttentionRunner;
import org.sparkxqa.spark.job.data.RequestColumns;
import org.sparkxqa.spark.sql.exec.XqaAttentionExec;
import org.sparkxqa.spark.sql.exec.XqaOperators;

/**
 * The "columnar from the cache" passes of {@code xqa bench}: the operator reads the bench's cached
 * requests as the columnar batches of Spark's in-memory scan, q, k and v as views of the cache's
 * buffers ({@link XqaCachedBatchSerializer}), so neither files nor a row conversion are timed. Runs
 * only when the session caches with that serializer ({@value #SERIALIZER_KEY}, read once when the
 * session starts; the job's own sessions set it) and the planned operator does read the in-memory
 * scan's batches directly; otherwise the passes are skipped and the reason is reported. A program step,
 * not a test; stateless.
 */
public final class CachePasses {
    static final String SERIALIZER_KEY = "spark.sql.cache.serializer";
    static final String SPARK_DEFAULT = "org.apache.spark.sql.execution.columnar.DefaultCachedBatchSerializer";

    private CachePasses() {}

    /**
     * What the passes measured.
     *
     * @param columnar the passes, or null when skipped
     * @param skipped why {@code columnar} is null, else null
     */
    public record Result(BenchSeries columnar, String skipped) {}

    /**
     * @param cached the requests, cached by {@code spark} (the same table the rows passes read)
     * @param policy the session's {@code spark.xqa.onInvalidRow}, as for the other passes
     */
    public static Result run(
            SparkSession spark,
            Dataset<Row> cached,
            AttentionSpec spec,
            InvalidRowPolicy policy,
            int iterations,
            long kvBytes) {
        String problem = serializerProblem(spark.sparkContext().conf().get(SERIALIZER_KEY, SPARK_DEFAULT));
        if (problem != null) {
            return new Result(null, problem);
        }
        Dataset<Row> evaluated = AttentionRunner.apply(cached, spec, policy, RequestColumns.TREE, false);
        if (!readsTheCacheColumnar(evaluated)) {
            return new Result(
                    null,
                    "skipped: the operator does not read the cache's columnar batches (see "
                            + "spark.xqa.columnar.enabled and spark.sql.inMemoryColumnarStorage.enableVectorizedReader)");
        }
        return new Result(BenchSeries.run(spark, evaluated, QueryBackend.EXECUTOR, iterations, kvBytes), null);
    }

    /** Why a session whose cache serializer is {@code configured} cannot run the passes, or null when it can. */
    static String serializerProblem(String configured) {
        String ours = XqaCachedBatchSerializer.class.getName();
        return configured.trim().equals(ours)
                ? null
                : "skipped: " + SERIALIZER_KEY + " is " + configured + "; the columnar cache needs " + ours
                        + ", set before the session starts";
    }

    /** Whether the plan's batched operator is columnar over the in-memory scan itself, no conversion between. */
    static boolean readsTheCacheColumnar(Dataset<Row> evaluated) {
        List<XqaAttentionExec> operators =
                XqaOperators.in(evaluated.queryExecution().executedPlan());
        if (operators.size() != 1 || !operators.get(0).supportsColumnar()) {
            return false;
        }
        SparkPlan child = operators.get(0).children().head();
        child = child instanceof QueryStageExec s ? s.plan() : child;
        return child instanceof InMemoryTableScanExec scan && scan.supportsColumnar();
    }
}
