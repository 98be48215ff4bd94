package org.sparkxqa.spark.gpureader;

import ai.rapids.cudf.ColumnVector;
import ai.rapids.cudf.ColumnView;
import ai.rapids.cudf.HostMemoryBuffer;
import ai.rapids.cudf.Table;
import ai.rapids.cudf.TableWriter;
import java.io.IOException;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.DeviceAdmission;
import org.sparkxqa.core.InvalidRequestException;
import org.sparkxqa.core.gpu.GpuBackend;
import org.sparkxqa.core.gpu.cudf.CudfAttention;
import org.sparkxqa.core.gpu.cudf.CudfResult;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.executor.GpuPermits;

/**
 * One input file on the executor's GPU: its bytes are read on the host and decoded by cuDF's Parquet
 * reader on the device, q/k/v/tree go to {@link CudfAttention} in launches of {@code rowsPerLaunch}
 * rows straight from the decoded columns, and the table plus {@code out} is encoded by cuDF's Parquet
 * writer into host memory ({@link EncodedFile}) and written to {@code outputFile}. K/V cross PCIe once,
 * as file bytes. An invalid row fails the task under {@code onInvalidRow=fail}, naming the file and
 * the row; under {@code null} it gets a NULL {@code out} and its reason in {@code xqa_error}, the row
 * path's reason ({@link CudfAttention#attendOrNull}). Serializable; each call owns its cuDF objects and
 * closes them.
 */
record GpuFileTask(
        AttentionSpec spec, ParquetLayout layout, String treeColumn, int rowsPerLaunch, InvalidRowPolicy policy)
        implements Serializable {

    /** What one file gave: its rows, those of them that were invalid (NULL {@code out}), and its stages' time. */
    record FileResult(long rows, long invalidRows, FileStages stages) implements Serializable {}

    /**
     * Evaluates {@code inputFile} into {@code outputFile}; returns its rows. Only the decode, the
     * launches and the encode hold a GPU permit; reading and writing the files do not, so tasks
     * waiting for the GPU overlap their file I/O with the tasks on it. A retried attempt replaces the
     * file an earlier attempt of the same task left.
     */
    FileResult run(GpuBackend gpu, GpuPermits permits, Configuration conf, String inputFile, String outputFile)
            throws IOException {
        long t0 = System.nanoTime();
        try (HostMemoryBuffer bytes = HadoopFiles.read(conf, inputFile);
                EncodedFile encoded = new EncodedFile()) {
            long read = System.nanoTime() - t0;
            long t1 = System.nanoTime();
            FileResult result;
            long wait;
            try (DeviceAdmission.Ticket permit = permits.enter()) {
                wait = System.nanoTime() - t1;
                result = evaluate(gpu, bytes, inputFile, encoded);
            }
            long t2 = System.nanoTime();
            Path path = new Path(outputFile);
            try (FSDataOutputStream stream = path.getFileSystem(conf).create(path, true)) {
                encoded.writeTo(stream);
            }
            FileStages io = new FileStages(read, wait, 0, 0, 0, System.nanoTime() - t2);
            return new FileResult(
                    result.rows(), result.invalidRows(), result.stages().plus(io));
        }
    }

    private FileResult evaluate(GpuBackend gpu, HostMemoryBuffer bytes, String inputFile, EncodedFile encoded) {
        long t0 = System.nanoTime();
        try (Table table = Table.readParquet(layout.readOptions(), bytes, 0, bytes.getLength())) {
            long t1 = System.nanoTime();
            try (CudfResult result = attend(gpu, table, layout.index(treeColumn), inputFile)) {
                long t2 = System.nanoTime();
                boolean errors = policy == InvalidRowPolicy.NULL;
                encode(
                        table,
                        errors ? new ColumnVector[] {result.out(), result.errors()} : new ColumnVector[] {result.out()},
                        encoded);
                FileStages stages = new FileStages(0, 0, t1 - t0, t2 - t1, System.nanoTime() - t2, 0);
                return new FileResult(table.getRowCount(), result.invalidRows(), stages);
            }
        }
    }

    private CudfResult attend(GpuBackend gpu, Table table, int tree, String inputFile) {
        ColumnView treeView = tree < 0 ? null : table.getColumn(tree);
        try (ByteLists q = ByteLists.of(table.getColumn(layout.index("q")));
                ByteLists k = ByteLists.of(table.getColumn(layout.index("k")));
                ByteLists v = ByteLists.of(table.getColumn(layout.index("v")))) {
            if (policy == InvalidRowPolicy.NULL) {
                return CudfAttention.attendOrNull(gpu, spec, q.view(), k.view(), v.view(), treeView, rowsPerLaunch);
            }
            ColumnVector out = CudfAttention.attend(gpu, spec, q.view(), k.view(), v.view(), treeView, rowsPerLaunch);
            return new CudfResult(out, null, 0);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException("in " + inputFile + ", " + e.getMessage());
        }
    }

    private void encode(Table table, ColumnVector[] added, EncodedFile encoded) {
        ColumnVector[] columns = new ColumnVector[table.getNumberOfColumns() + added.length];
        for (int i = 0; i < table.getNumberOfColumns(); i++) {
            columns[i] = table.getColumn(i);
        }
        System.arraycopy(added, 0, columns, table.getNumberOfColumns(), added.length);
        try (Table withOut = new Table(columns);
                TableWriter writer = Table.writeParquetChunked(layout.writeOptions(added.length > 1), encoded)) {
            writer.write(withOut);
        }
    }
}
