package org.sparkxqa.spark.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.sql.Scala;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.config.XqaConf;
import org.sparkxqa.spark.gpureader.GpuReaderRun;

/**
 * {@code run --gpu-reader}: the job's checks around {@link GpuReaderRun} (the policy, an existing
 * output), in launches of the session's {@code spark.xqa.batch.maxRows} rows, reported as {@code run}
 * reports (one launch per {@code maxRows} rows of a file; no invalid rows: one fails the task).
 */
final class GpuReaderPath {
  private GpuReaderPath() {}

  static RunReport run(SparkSession spark, AttentionSpec spec, String input, String output, String treeColumn,
      boolean overwrite) {
    XqaConf conf = XqaConf.from(Scala.map(spark.conf().getAll()));
    if (conf.get(XqaConf.ON_INVALID_ROW) != InvalidRowPolicy.FAIL) {
      throw new UserInputException("--gpu-reader supports --on-invalid fail only (an invalid row fails its task, "
          + "naming the file and the row)");
    }
    replaceable(spark, output, overwrite);
    try {
      GpuReaderRun.Result r = GpuReaderRun.run(spark, spec, input, output,
          treeColumn != null ? treeColumn : RequestColumns.TREE, conf.get(XqaConf.BATCH_MAX_ROWS));
      return new RunReport(r.rows(), 0, r.launches(), List.of());
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
  }

  private static void replaceable(SparkSession spark, String output, boolean overwrite) {
    Path out = new Path(output);
    try {
      FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(out)) {
        if (!overwrite) {
          throw new UserInputException("output " + output + " exists: pass --overwrite to replace it");
        }
        fs.delete(out, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + output, e);
    }
  }
}
