package org.sparkxqa.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.job.data.RequestFiles;

/**
 * Request files of megabyte rows get pages and row groups near parquet-mr's limits (64 MiB pages,
 * 128 MiB groups), where Spark's writer alone makes one page and one row group per file.
 */
class RequestFilesLayoutTest {
    @TempDir
    Path dir;

    @Test
    void megabyteRowsAreCutIntoSeveralPagesAndRowGroups() {
        SparkSession spark = SparkTestSessions.shared();
        Dataset<Row> rows = spark.range(100)
                .selectExpr(
                        "id",
                        "unhex('00') AS q",
                        "concat(cast(cast(id AS string) AS binary), unhex(repeat('ab', 1000000))) AS k",
                        "concat(cast(cast(id AS string) AS binary), unhex(repeat('cd', 1000000))) AS v")
                .coalesce(1);
        rows.write().option("compression", "none").parquet(dir.resolve("plain").toString());
        RequestFiles.writer(rows).parquet(dir.resolve("requests").toString());
        ParquetPages.Layout plain = ParquetPages.layout(dir.resolve("plain"));
        ParquetPages.Layout requests = ParquetPages.layout(dir.resolve("requests"));
        assertEquals(1, plain.rowGroups(), plain.toString());
        assertEquals(1, plain.kPages(), plain.toString());
        assertTrue(requests.rowGroups() >= 2, requests.toString());
        assertTrue(requests.kPages() >= 3, requests.toString());
    }
}
