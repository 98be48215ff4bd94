package org.sparkxqa.spark.job;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.config.XqaConf;
import org.sparkxqa.spark.gpureader.GpuReaderRun;
import org.sparkxqa.spark.job.data.RequestColumns;
import org.sparkxqa.spark.job.data.StagedOutput;
import org.sparkxqa.spark.job.error.UserInputException;
import org.sparkxqa.spark.job.report.RunReport;
import org.sparkxqa.spark.sql.Scala;

/**
 * {@code run --gpu-reader}: the job's checks around {@link GpuReaderRun} (the policy, an existing
 * output), written through a staging folder ({@link StagedOutput}: a failed run keeps the previous
 * output), in launches of the session's {@code spark.xqa.batch.maxRows} rows, reported as {@code run}
 * reports (one launch per {@code maxRows} rows of a file; no invalid rows: one fails the task).
 */
final class GpuReaderPath {
    private GpuReaderPath() {}

    static RunReport run(
            SparkSession spark, AttentionSpec spec, String input, String output, String treeColumn, boolean overwrite) {
        XqaConf conf = XqaConf.from(Scala.map(spark.conf().getAll()));
        if (conf.get(XqaConf.ON_INVALID_ROW) != InvalidRowPolicy.FAIL) {
            throw new UserInputException("--gpu-reader supports --on-invalid fail only (an invalid row fails its task, "
                    + "naming the file and the row)");
        }
        StagedOutput target = StagedOutput.of(spark.sparkContext().hadoopConfiguration(), output, overwrite);
        try {
            GpuReaderRun.Result r = target.write(staging -> GpuReaderRun.run(
                    spark,
                    spec,
                    input,
                    staging,
                    treeColumn != null ? treeColumn : RequestColumns.TREE,
                    conf.get(XqaConf.BATCH_MAX_ROWS)));
            return new RunReport(r.rows(), 0, r.launches(), List.of());
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }
}
