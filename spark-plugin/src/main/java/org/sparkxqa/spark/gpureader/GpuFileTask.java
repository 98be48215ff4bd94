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

/**
 * One input file on the executor's GPU: its bytes are read on the host and decoded by cuDF's Parquet
 * reader on the device, q/k/v/tree go to {@link CudfAttention} in launches of {@code rowsPerLaunch}
 * rows straight from the decoded columns, and the table plus {@code out} is encoded by cuDF's Parquet
 * writer and written to {@code outputFile}. K/V cross PCIe once, as file bytes. Serializable; each
 * call owns its cuDF objects and closes them.
 */
record GpuFileTask(AttentionSpec spec, ParquetLayout layout, String treeColumn, int rowsPerLaunch)
        implements Serializable {

    /** Evaluates {@code inputFile} into {@code outputFile}; returns its rows. */
    long run(GpuBackend gpu, Configuration conf, String inputFile, String outputFile) throws IOException {
        try (HostMemoryBuffer bytes = HadoopFiles.read(conf, inputFile);
                Table table = Table.readParquet(layout.readOptions(), bytes, 0, bytes.getLength())) {
            int tree = layout.index(treeColumn);
            try (ColumnVector out = attend(gpu, table, tree, inputFile)) {
                write(conf, table, out, outputFile);
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

    private void write(Configuration conf, Table table, ColumnVector out, String outputFile) throws IOException {
        ColumnVector[] columns = new ColumnVector[table.getNumberOfColumns() + 1];
        for (int i = 0; i < table.getNumberOfColumns(); i++) {
            columns[i] = table.getColumn(i);
        }
        columns[columns.length - 1] = out;
        Path path = new Path(outputFile);
        try (Table withOut = new Table(columns);
                FSDataOutputStream stream = path.getFileSystem(conf).create(path, false);
                TableWriter writer = Table.writeParquetChunked(layout.writeOptions(), HadoopFiles.sink(stream))) {
            writer.write(withOut);
        }
    }
}
