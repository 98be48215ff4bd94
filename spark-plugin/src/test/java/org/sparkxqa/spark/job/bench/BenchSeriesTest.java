package org.sparkxqa.spark.job.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.config.QueryBackend;
import org.sparkxqa.spark.job.data.AttentionRunner;
import org.sparkxqa.spark.job.data.RequestColumns;
import org.sparkxqa.spark.job.data.RequestGenerator;

/** The timed passes of {@code xqa bench} on a chosen backend, and the session setting they leave behind. */
class BenchSeriesTest {
    @Test
    void cpuPassesRunOnTheCpuBackendAndLeaveTheSessionAsItWas() {
        AttentionSpec spec = AttentionSpec.of(ElementType.BF16, 4, 2, 64);
        SparkSession session = SparkTestSessions.shared().newSession();
        Dataset<Row> requests = new RequestGenerator(spec, 4, 32, 3).generate(session, 10, 2);
        Dataset<Row> evaluated =
                AttentionRunner.apply(requests, spec, InvalidRowPolicy.FAIL, RequestColumns.TREE, false);
        BenchSeries cpu = BenchSeries.run(session, evaluated, QueryBackend.CPU, 2, 1000);
        assertTrue(cpu.onCpu(), cpu.backend());
        assertEquals(
                List.of(10L, 10L),
                cpu.passes().stream().map(BenchSeries.Pass::rows).toList());
        assertFalse(session.conf().contains("spark.xqa.queryBackend"), "the setting is removed again");
    }

    @Test
    void passesWriteTheIdsAndResultsOnly() {
        AttentionSpec spec = AttentionSpec.of(ElementType.BF16, 4, 2, 64);
        SparkSession session = SparkTestSessions.shared().newSession();
        Dataset<Row> requests = new RequestGenerator(spec, 4, 32, 3).generate(session, 4, 1);
        for (InvalidRowPolicy policy : InvalidRowPolicy.values()) {
            Dataset<Row> evaluated = AttentionRunner.apply(requests, spec, policy, RequestColumns.TREE, false);
            Dataset<Row> results = AttentionRunner.results(evaluated);
            List<String> expected =
                    policy == InvalidRowPolicy.NULL ? List.of("id", "out", "xqa_error") : List.of("id", "out");
            assertEquals(expected, List.of(results.columns()), policy.toString());
            assertEquals(
                    evaluated.select("id", "out").collectAsList(),
                    results.select("id", "out").collectAsList(),
                    "the same rows, in order");
        }
    }
}
