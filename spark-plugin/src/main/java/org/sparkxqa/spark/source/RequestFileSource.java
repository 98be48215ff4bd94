package org.sparkxqa.spark.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A Spark data source ({@value #SHORT_NAME}) that reads Parquet request tables for the columnar
 * {@code xqa_attention}: {@code spark.read().format("xqa_requests").load(path)}, or in SQL
 * {@code CREATE TEMPORARY VIEW r USING xqa_requests OPTIONS (path '...')}. Spark's vectorized Parquet
 * scan copies every BINARY value into growing column vectors; this one hands the operator views of
 * the pages parquet-mr read, so q, k and v are copied once, into the backend's staging (see
 * docs/PERFORMANCE.md). The schema is the one Spark's Parquet source infers; columns of other types
 * than {@link SupportedTypes#LIST} are refused with a message that names them. One task per row group.
 * Registered through {@code META-INF/services}; Spark creates instances as it needs them.
 */
public final class RequestFileSource implements TableProvider, DataSourceRegister {
    /** The name to give {@code format(...)} and {@code USING}. */
    public static final String SHORT_NAME = "xqa_requests";

    @Override
    public String shortName() {
        return SHORT_NAME;
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        SparkSession spark = SparkSession.active();
        List<String> paths = paths(options);
        StructType schema = spark.read().parquet(paths.toArray(String[]::new)).schema();
        String problem = SupportedTypes.unsupported(schema);
        if (problem == null) {
            problem = ParquetFiles.missingColumn(
                    schema, paths, spark.sparkContext().hadoopConfiguration());
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem + "; read this table with format(\"parquet\") instead");
        }
        return schema;
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        Configuration conf =
                new Configuration(SparkSession.active().sparkContext().hadoopConfiguration());
        return new RequestFileTable(schema, paths(new CaseInsensitiveStringMap(properties)), conf);
    }

    /** Whether this source reads a table of {@code schema} (the columns Spark's Parquet source infers). */
    public static boolean reads(StructType schema) {
        return SupportedTypes.unsupported(schema) == null;
    }

    /** Why this source does not read a table of {@code schema}, or null when it does. */
    public static String whyNot(StructType schema) {
        return SupportedTypes.unsupported(schema);
    }

    private static List<String> paths(CaseInsensitiveStringMap options) {
        if (options.containsKey("paths")) {
            try {
                return List.of(new ObjectMapper().readValue(options.get("paths"), String[].class));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        "option paths is not a JSON array of strings: " + options.get("paths"), e);
            }
        }
        String path = options.get("path");
        if (path == null) {
            throw new IllegalArgumentException(SHORT_NAME + " needs a path: load(path) or OPTIONS (path '...')");
        }
        return List.of(path);
    }
}
