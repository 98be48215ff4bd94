package org.sparkxqa.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.rapids.cudf.Cuda;
import ai.rapids.cudf.Rmm;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.core.gpu.cuda.GpuProbe;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.gpureader.GpuReaderRun;

/**
 * On a real GPU: the GPU reader over one file of about 280 MB (a page per row, 2 rows per row group)
 * with an RMM pool of 60% of the file's size and the default 1 GiB chunk limit runs out of device
 * memory for real (cuDF's first pass alone would hold the whole file), retries with halved chunks, and
 * writes the same output as the Spark reader. It sizes RMM's pool, so it runs in a JVM of its own (the
 * device scripts start one) and skips where RMM is already set up.
 */
@Tag("gpu")
class GpuReaderOomGpuTest {
    private static final long MIB = 1L << 20;
    /** About 60% of the 270 MiB file that seed 11 generates: cuDF's first pass alone needs all of it. */
    private static final long POOL_MIB = 160;

    @TempDir
    static Path dir;

    @Test
    void aFileLargerThanTheDevicePoolIsReadInSmallerChunksAndGivesTheSameOutput() {
        GpuProbe.Result probe = GpuProbe.probe();
        Assumptions.assumeTrue(probe.available(), () -> "SKIPPED: no usable GPU: " + probe.reason());
        Assumptions.assumeFalse(
                Rmm.isInitialized(), "SKIPPED: RMM is already set up in this JVM; the pool size is not ours");
        SparkTestSessions.stop(SparkSession.getActiveSession().getOrElse(() -> null));
        Cuda.setDevice(0);
        long pool = POOL_MIB * MIB;
        double fraction = Math.min(0.95, (double) pool / Cuda.memGetInfo().free);
        SparkSession spark = JobSession.open(
                null,
                "gpu-reader-oom",
                Map.of(
                        "spark.xqa.backend", "gpu",
                        "spark.xqa.memory.poolFraction", String.valueOf(fraction),
                        "spark.xqa.batch.maxRows", "8"));
        try {
            String generated = Cli.generate(dir.resolve("generated"), 24, 8, 50000, 1, 11);
            long fileBytes = ParquetPages.bytes(dir.resolve("generated"));
            assertTrue(fileBytes > pool * 3 / 2, "the file (" + fileBytes + " bytes) must exceed the pool by half");
            String in = ParquetPages.rewrite(spark, generated, dir.resolve("in"), 1, 2);
            ParquetPages.Layout layout = ParquetPages.layout(dir.resolve("in"));
            assertEquals(24, layout.kPages());
            GpuReaderRun.Result r = GpuReaderGpuTest.gpuReader(spark, in, dir.resolve("counted"));
            System.out.println("GPU reader, " + fileBytes / MIB + " MiB file " + layout + ", pool about "
                    + pool / MIB + " MiB, most RMM bytes at once " + Rmm.getMaximumTotalBytesAllocated() / MIB
                    + " MiB: " + r);
            assertEquals(24, r.rows());
            assertTrue(r.chunkRetries() >= 1, "the 1 GiB first chunk did not run out of memory: " + r);
            GpuReaderGpuTest.assertSameOutputs(spark, dir, in, "oom", 24, 0);
        } finally {
            SparkTestSessions.stop(spark);
        }
    }
}
