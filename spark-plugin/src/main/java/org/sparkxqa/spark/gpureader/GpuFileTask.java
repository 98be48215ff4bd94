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
import org.sparkxqa.core.InvalidRequestException;
import org.sparkxqa.core.gpu.GpuBackend;
import org.sparkxqa.core.gpu.cudf.CudfAttention;
import org.sparkxqa.spark.executor.GpuPermits;

/**
 * One input file on the executor's GPU: its bytes are read on the host and decoded by cuDF's Parquet
 * reader on the device, q/k/v/tree go to {@link CudfAttention} in launches of {@code rowsPerLaunch}
 * rows straight from the decoded columns, and the table plus {@code out} is encoded by cuDF's Parquet
 * writer into host memory ({@link EncodedFile}) and written to {@code outputFile}. K/V cross PCIe once,
 * as file bytes. Serializable; each call owns its cuDF objects and closes them.
 */
record GpuFileTask(AttentionSpec spec, ParquetLayout layout, String treeColumn, int rowsPerLaunch)
        implements Serializable {

    /**
     * Evaluates {@code inputFile} into {@code outputFile}; returns its rows. Only the decode, the
     * launches and the encode hold a GPU permit; reading and writing the files do not, so tasks
     * waiting for the GPU overlap their file I/O with the tasks on it. A retried attempt replaces the
     * file an earlier attempt of the same task left.
     */
    long run(GpuBackend gpu, GpuPermits permits, Configuration conf, String inputFile, String outputFile)
            throws IOException {
        try (HostMemoryBuffer bytes = HadoopFiles.read(conf, inputFile);
                EncodedFile encoded = new EncodedFile()) {
            long rows = permits.withPermit(() -> evaluate(gpu, bytes, inputFile, encoded));
            Path path = new Path(outputFile);
            try (FSDataOutputStream stream = path.getFileSystem(conf).create(path, true)) {
                encoded.writeTo(stream);
            }
            return rows;
        }
    }

    private long evaluate(GpuBackend gpu, HostMemoryBuffer bytes, String inputFile, EncodedFile encoded) {
        try (Table table = Table.readParquet(layout.readOptions(), bytes, 0, bytes.getLength())) {
            int tree = layout.index(treeColumn);
            try (ColumnVector out = attend(gpu, table, tree, inputFile)) {
                encode(table, out, encoded);
            }
            return table.getRowCount();
        }
    }

    private ColumnVector attend(GpuBackend gpu, Table table, int tree, String inputFile) {
        ColumnView treeView = tree < 0 ? null : table.getColumn(tree);
        try (ByteLists q = ByteLists.of(table.getColumn(layout.index("q")));
                ByteLists k = ByteLists.of(table.getColumn(layout.index("k")));
                ByteLists v = ByteLists.of(table.getColumn(layout.index("v")))) {
            return CudfAttention.attend(gpu, spec, q.view(), k.view(), v.view(), treeView, rowsPerLaunch);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException("in " + inputFile + ", " + e.getMessage());
        }
    }

    private void encode(Table table, ColumnVector out, EncodedFile encoded) {
        ColumnVector[] columns = new ColumnVector[table.getNumberOfColumns() + 1];
        for (int i = 0; i < table.getNumberOfColumns(); i++) {
            columns[i] = table.getColumn(i);
        }
        columns[columns.length - 1] = out;
        try (Table withOut = new Table(columns);
                TableWriter writer = Table.writeParquetChunked(layout.writeOptions(), encoded)) {
            writer.write(withOut);
        }
    }
}
