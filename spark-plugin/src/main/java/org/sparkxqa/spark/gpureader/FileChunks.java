package org.sparkxqa.spark.gpureader;

import ai.rapids.cudf.ColumnVector;
import ai.rapids.cudf.ColumnView;
import ai.rapids.cudf.HostMemoryBuffer;
import ai.rapids.cudf.ParquetChunkedReader;
import ai.rapids.cudf.Table;
import ai.rapids.cudf.TableWriter;
import org.sparkxqa.core.InvalidRequestException;
import org.sparkxqa.core.gpu.GpuBackend;
import org.sparkxqa.core.gpu.cudf.CudfAttention;
import org.sparkxqa.core.gpu.cudf.CudfResult;
import org.sparkxqa.spark.config.InvalidRowPolicy;

/**
 * One attempt at a file's device work under a chunk limit: cuDF's chunked Parquet reader decodes the
 * file's host bytes a chunk of rows at a time (at most {@code chunkBytes} of decoded columns, and of
 * file data read for them), each chunk's q/k/v/tree go to {@link CudfAttention} in launches of
 * {@code rowsPerLaunch} valid rows straight from the decoded columns, and the chunk plus {@code out}
 * (and {@code xqa_error}) is appended by cuDF's chunked writer to one Parquet file in an
 * {@link EncodedFile}. cuDF's reader gives a file without rows as one empty chunk, so every output
 * file gets the schema. Every cuDF object is closed before it returns or throws. The caller holds a
 * GPU permit around it. Stateless.
 */
final class FileChunks {
    private FileChunks() {}

    static GpuFileTask.FileResult evaluate(
            GpuFileTask task, GpuBackend gpu, HostMemoryBuffer bytes, String file, long chunkBytes, EncodedFile into) {
        boolean errors = task.settings().policy() == InvalidRowPolicy.NULL;
        GpuFileTask.FileResult sum = GpuFileTask.FileResult.NONE;
        try (ParquetChunkedReader reader = new ParquetChunkedReader(
                        chunkBytes, chunkBytes, task.layout().readOptions(), bytes, 0, bytes.getLength());
                TableWriter writer = Table.writeParquetChunked(task.layout().writeOptions(errors), into)) {
            while (reader.hasNext()) {
                long t0 = System.nanoTime();
                try (Table table = reader.readChunk()) {
                    if (table == null) {
                        break;
                    }
                    sum = sum.plus(one(task, gpu, table, file, sum.rows(), writer, errors, System.nanoTime() - t0));
                }
            }
        }
        return sum;
    }

    private static GpuFileTask.FileResult one(
            GpuFileTask task,
            GpuBackend gpu,
            Table table,
            String file,
            long firstRow,
            TableWriter writer,
            boolean errors,
            long decode) {
        long t1 = System.nanoTime();
        try (CudfResult result = attend(task, gpu, table, file, firstRow)) {
            long t2 = System.nanoTime();
            ColumnVector[] added =
                    errors ? new ColumnVector[] {result.out(), result.errors()} : new ColumnVector[] {result.out()};
            ColumnVector[] columns = new ColumnVector[table.getNumberOfColumns() + added.length];
            for (int i = 0; i < table.getNumberOfColumns(); i++) {
                columns[i] = table.getColumn(i);
            }
            System.arraycopy(added, 0, columns, table.getNumberOfColumns(), added.length);
            try (Table withOut = new Table(columns)) {
                writer.write(withOut);
            }
            long rows = table.getRowCount();
            int perLaunch = task.settings().rowsPerLaunch();
            long launches = (rows - result.invalidRows() + perLaunch - 1) / perLaunch;
            FileStages stages = new FileStages(0, 0, decode, t2 - t1, System.nanoTime() - t2, 0);
            return new GpuFileTask.FileResult(rows, result.invalidRows(), launches, 1, 0, stages);
        }
    }

    private static CudfResult attend(GpuFileTask task, GpuBackend gpu, Table table, String file, long firstRow) {
        ParquetLayout layout = task.layout();
        int tree = layout.index(task.treeColumn());
        ColumnView treeView = tree < 0 ? null : table.getColumn(tree);
        int perLaunch = task.settings().rowsPerLaunch();
        try (ByteLists q = ByteLists.of(table.getColumn(layout.index("q")));
                ByteLists k = ByteLists.of(table.getColumn(layout.index("k")));
                ByteLists v = ByteLists.of(table.getColumn(layout.index("v")))) {
            if (task.settings().policy() == InvalidRowPolicy.NULL) {
                return CudfAttention.attendOrNull(gpu, task.spec(), q.view(), k.view(), v.view(), treeView, perLaunch);
            }
            ColumnVector out =
                    CudfAttention.attend(gpu, task.spec(), q.view(), k.view(), v.view(), treeView, perLaunch);
            return new CudfResult(out, null, 0);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(
                    "in " + file + ", " + e.rowsFrom(firstRow).getMessage());
        }
    }
}
