package org.sparkxqa.spark.source;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Sent to the executors with the scan: opens a {@link RowGroupReader} per {@link RowGroupPartition}.
 * Reads are always columnar (Spark puts its own {@code ColumnarToRow} above the scan where a row
 * consumer needs one). Immutable.
 */
final class RowGroupReaderFactory implements PartitionReaderFactory {
    private final StructType schema;
    private final SerializableConfiguration hadoopConf;

    RowGroupReaderFactory(StructType schema, SerializableConfiguration hadoopConf) {
        this.schema = schema;
        this.hadoopConf = hadoopConf;
    }

    @Override
    public boolean supportColumnarReads(InputPartition partition) {
        return true;
    }

    @Override
    public PartitionReader<ColumnarBatch> createColumnarReader(InputPartition partition) {
        return new RowGroupReader((RowGroupPartition) partition, schema, hadoopConf.value());
    }

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
        throw new UnsupportedOperationException("the Spark XQA request reader reads columnar batches only");
    }
}
