package org.sparkxqa.spark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkException;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sparkxqa.spark.SparkTestSessions;

/**
 * The big row of {@link XqaBigRowTest} (k and v 512 MiB each) in a {@code -Xmx3g} JVM, too small for the
 * row path's four copies: the query fails with the message that names the row, its size, the heap
 * and the settings to change, and the JVM and its session live on (Spark kills an executor for an
 * {@code OutOfMemoryError}, in local mode the whole application). Tagged bigrow, run with
 * {@code -Dxqa.test.groups=bigrow -Dxqa.test.excludedGroups= -Dxqa.test.jvmArgs=-Xmx3g}.
 */
@Tag("bigrow")
class XqaBigRowHeapLimitTest {
    @Test
    void aRowTooLargeForTheHeapFailsItsQueryNamingTheLimitAndTheJvmLivesOn() {
        long max = Runtime.getRuntime().maxMemory();
        Assumptions.assumeTrue(
                max <= (3L << 30) + (256L << 20),
                () -> "SKIPPED: the heap is " + (max >> 20)
                        + " MiB; the claim is about -Xmx3g (-Dxqa.test.jvmArgs=-Xmx3g)");
        SparkSession spark = SparkTestSessions.start(SparkTestSessions.builder("XqaBigRowHeapLimitTest")
                .master("local[1]")
                .config("spark.sql.extensions", "org.sparkxqa.spark.XqaSessionExtensions"));
        try {
            SparkException e = assertThrows(
                    SparkException.class,
                    () -> spark.range(0, 1, 1, 1)
                            .mapPartitions(new XqaBigRowTest.BigRow(), Encoders.row(XqaBigRowTest.BigRow.SCHEMA))
                            .selectExpr("xqa_attention_result(q, k, v, NULL, 'bf16', 2, 1, 256).out AS out")
                            .collectAsList());
            String m = e.getMessage();
            System.out.println(
                    "XqaBigRowHeapLimitTest: " + m.lines().findFirst().orElse(""));
            assertTrue(m.contains("the row at position 0 of partition 0 ("), m);
            assertTrue(m.contains("the Java heap (max " + (max >> 20) + " MiB) ran out"), m);
            assertTrue(m.contains("spark.executor.memory"), m);
            assertEquals(3L, spark.range(3).count(), "the session still runs queries");
        } finally {
            SparkTestSessions.stop(spark);
        }
    }
}
