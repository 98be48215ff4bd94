package org.sparkxqa.spark.source;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** A request table read by {@link RequestFileSource}: its paths, schema and the session's Hadoop settings. Immutable. */
final class RequestFileTable implements SupportsRead {
    private final StructType schema;
    private final List<String> paths;
    private final Configuration hadoopConf;

    RequestFileTable(StructType schema, List<String> paths, Configuration hadoopConf) {
        this.schema = schema;
        this.paths = paths;
        this.hadoopConf = hadoopConf;
    }

    @Override
    public String name() {
        return RequestFileSource.SHORT_NAME + " " + paths;
    }

    @Override
    public StructType schema() {
        return schema;
    }

    @Override
    public Set<TableCapability> capabilities() {
        return EnumSet.of(TableCapability.BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
        return new RequestFileScan(schema, paths, hadoopConf);
    }
}
