package org.sparkxqa.spark.job.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.cache.XqaCachedBatchSerializer;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.job.data.AttentionRunner;
import org.sparkxqa.spark.job.data.RequestColumns;
import org.sparkxqa.spark.job.data.RequestGenerator;

/**
 * The "columnar from the cache" passes of {@code xqa bench} on the CPU backend: they run over the
 * in-memory scan's batches and report every row; they are skipped, saying why, when the operator would
 * not read the cache columnar or the session caches with another serializer.
 */
class CachePassesTest {
    static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 4, 2, 64);

    @Test
    void thePassesReadTheCachesBatchesOnTheCpuBackendAndReport() {
        SparkSession session = SparkTestSessions.shared().newSession();
        Dataset<Row> requests =
                new RequestGenerator(SPEC, 4, 32, 3).generate(session, 12, 2).cache();
        try {
            assertTrue(CachePasses.readsTheCacheColumnar(
                    AttentionRunner.apply(requests, SPEC, InvalidRowPolicy.FAIL, RequestColumns.TREE, false)));
            CachePasses.Result r = CachePasses.run(session, requests, SPEC, InvalidRowPolicy.FAIL, 2, 1000);
            assertNull(r.skipped());
            assertTrue(r.columnar().onCpu(), r.columnar().backend());
            assertEquals(
                    List.of(12L, 12L),
                    r.columnar().passes().stream().map(BenchSeries.Pass::rows).toList());
            assertTrue(r.columnar().medianKvGBps() > 0);
            session.conf().set("spark.xqa.columnar.enabled", "false");
            CachePasses.Result off = CachePasses.run(session, requests, SPEC, InvalidRowPolicy.FAIL, 1, 1000);
            assertNull(off.columnar());
            assertTrue(off.skipped().contains("does not read the cache's columnar batches"), off.skipped());
        } finally {
            requests.unpersist(true);
        }
    }

    @Test
    void anotherCacheSerializerIsNamedAsTheReasonToSkip() {
        assertNull(CachePasses.serializerProblem(XqaCachedBatchSerializer.class.getName()));
        assertEquals(
                "skipped: spark.sql.cache.serializer is " + CachePasses.SPARK_DEFAULT + "; the columnar cache needs "
                        + XqaCachedBatchSerializer.class.getName() + ", set before the session starts",
                CachePasses.serializerProblem(CachePasses.SPARK_DEFAULT));
    }
}
