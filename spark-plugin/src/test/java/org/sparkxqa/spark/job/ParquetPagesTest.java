package org.sparkxqa.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.spark.SparkTestSessions;

/**
 * The many-page inputs of the GPU reader's chunking tests really have the pages and row groups they
 * ask for, and the same rows: without them cuDF's reader has nothing to cut between.
 */
class ParquetPagesTest {
    @TempDir
    Path dir;

    @Test
    void rewrittenFilesHaveOneRowPerPageAndFourRowsPerRowGroup() {
        String in = Cli.generate(dir.resolve("in"), 40, 4, 300, 2, 3);
        assertEquals(2, ParquetPages.layout(dir.resolve("in")).rowGroups(), "Spark's writer alone: one group a file");
        SparkSession spark = SparkTestSessions.shared();
        String out = ParquetPages.rewrite(spark, in, dir.resolve("paged"), 1, 4);
        ParquetPages.Layout layout = ParquetPages.layout(dir.resolve("paged"));
        assertEquals(40, layout.kPages());
        assertEquals(10, layout.rowGroups(), layout.toString());
        assertEquals(
                spark.read().parquet(in).orderBy("id").collectAsList(),
                spark.read().parquet(out).orderBy("id").collectAsList());
    }
}
