package org.sparkxqa.spark.source;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The scan of a request table: only the columns the query uses are read (Spark prunes them through
 * {@link SupportsPushDownRequiredColumns}), one task per row group ({@link ParquetFiles}), each task's
 * row group one columnar batch. Planned on the driver, which reads the files' footers once per scan.
 * Not thread-safe (Spark builds a scan on one thread).
 */
final class RequestFileScan implements ScanBuilder, SupportsPushDownRequiredColumns, Scan, Batch {
    private final List<String> paths;
    private final Configuration hadoopConf;
    private StructType schema;
    private List<RowGroupPartition> partitions;

    RequestFileScan(StructType schema, List<String> paths, Configuration hadoopConf) {
        this.schema = schema;
        this.paths = paths;
        this.hadoopConf = hadoopConf;
    }

    @Override
    public void pruneColumns(StructType required) {
        schema = required;
    }

    @Override
    public Scan build() {
        return this;
    }

    @Override
    public StructType readSchema() {
        return schema;
    }

    @Override
    public String description() {
        return "XqaRequestFiles " + paths + " " + schema.simpleString();
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
        if (partitions == null) {
            partitions = ParquetFiles.rowGroups(paths, hadoopConf);
        }
        return partitions.toArray(new InputPartition[0]);
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new RowGroupReaderFactory(schema, new SerializableConfiguration(hadoopConf));
    }
}
