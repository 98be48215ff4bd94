package org.sparkxqa.spark.job;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.config.XqaConf;
import org.sparkxqa.spark.gpureader.GpuReaderRun;
import org.sparkxqa.spark.gpureader.GpuReaderSettings;
import org.sparkxqa.spark.job.data.RequestColumns;
import org.sparkxqa.spark.job.data.StagedOutput;
import org.sparkxqa.spark.job.error.UserInputException;
import org.sparkxqa.spark.job.report.RunReport;
import org.sparkxqa.spark.sql.Scala;

/**
 * {@code run --gpu-reader}: the job's checks around {@link GpuReaderRun} (an existing output), written
 * through a staging folder ({@link StagedOutput}: a failed run keeps the previous output), in launches
 * of the session's {@code spark.xqa.batch.maxRows} valid rows, under the session's
 * {@code spark.xqa.onInvalidRow} and {@code spark.xqa.gpuReader.chunkBytes}, reported as {@code run} reports.
 */
final class GpuReaderPath {
    private GpuReaderPath() {}

    static RunReport run(
            SparkSession spark, AttentionSpec spec, String input, String output, String treeColumn, boolean overwrite) {
        XqaConf conf = XqaConf.from(Scala.map(spark.conf().getAll()));
        StagedOutput target = StagedOutput.of(spark.sparkContext().hadoopConfiguration(), output, overwrite);
        try {
            GpuReaderRun.Result r = target.write(staging -> GpuReaderRun.run(
                    spark,
                    spec,
                    input,
                    staging,
                    treeColumn != null ? treeColumn : RequestColumns.TREE,
                    GpuReaderSettings.of(conf)));
            return new RunReport(r.rows(), r.invalidRows(), r.launches(), List.of());
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }
}
