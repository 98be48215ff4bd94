package org.sparkxqa.spark.source;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.VersionParser;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Reads one row group ({@link RowGroupPartition}) as one {@link ColumnarBatch}: the requested columns'
 * chunks are read into heap buffers (parquet-mr's heap allocator, whose release is a no-op, so the
 * views stay valid after the file is closed), decoded by {@link ColumnDecoder}, and the file is closed
 * before the batch is handed out. BINARY values are not copied: the batch views the pages. Owned by
 * one task; not thread-safe.
 */
final class RowGroupReader implements PartitionReader<ColumnarBatch> {
    private static final PrimitiveConverter NO_CONVERTER = new PrimitiveConverter() {};

    private final RowGroupPartition partition;
    private final StructType schema;
    private final Configuration conf;
    private ColumnarBatch batch;
    private boolean read;

    RowGroupReader(RowGroupPartition partition, StructType schema, Configuration conf) {
        this.partition = partition;
        this.schema = schema;
        this.conf = conf;
    }

    @Override
    public boolean next() throws IOException {
        if (read) {
            return false;
        }
        read = true;
        batch = readBatch();
        return true;
    }

    @Override
    public ColumnarBatch get() {
        return batch;
    }

    @Override
    public void close() {
        if (batch != null) {
            batch.close();
            batch = null;
        }
    }

    private ColumnarBatch readBatch() throws IOException {
        Path path = new Path(partition.file());
        ParquetReadOptions options = HadoopReadOptions.builder(conf, path)
                .withAllocator(new HeapByteBufferAllocator())
                .build();
        try (ParquetFileReader file = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf), options)) {
            List<FileColumn> columns =
                    FileColumn.resolve(schema, file.getFileMetaData().getSchema());
            file.setRequestedSchema(columns.stream().map(FileColumn::leaf).toList());
            PageReadStore store = file.readRowGroup(partition.rowGroup());
            int rows = Math.toIntExact(store.getRowCount());
            VersionParser.ParsedVersion writer = writer(file.getFileMetaData().getCreatedBy());
            ColumnVector[] vectors = new ColumnVector[columns.size()];
            for (int i = 0; i < vectors.length; i++) {
                FileColumn c = columns.get(i);
                ColumnReaderImpl values =
                        new ColumnReaderImpl(c.leaf(), store.getPageReader(c.leaf()), NO_CONVERTER, writer);
                vectors[i] = ColumnDecoder.decode(c, values, rows);
            }
            return new ColumnarBatch(vectors, rows);
        } catch (IOException | RuntimeException e) {
            throw new IOException(
                    "cannot read row group " + partition.rowGroup() + " of " + partition.file() + ": " + e.getMessage(),
                    e);
        }
    }

    private static VersionParser.ParsedVersion writer(String createdBy) {
        try {
            return createdBy == null ? null : VersionParser.parse(createdBy);
        } catch (VersionParser.VersionParseException | RuntimeException e) {
            return null;
        }
    }
}
