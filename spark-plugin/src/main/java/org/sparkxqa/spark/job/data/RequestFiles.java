package org.sparkxqa.spark.job.data;

import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How the job writes tables of requests ({@code generate}, the bench's Parquet files): Parquet without
 * compression. K/V values rarely compress (generated ones not at all: 64 requests of bf16 32/8/128,
 * 242,331,648 bytes of q/k/v, made 242,347,795 bytes of snappy files), while reading compressed pages
 * costs every executor core a decompression and a fresh direct buffer per page: in the H100 bench's
 * profile, 772 of the 2,255 samples taken while the Parquet passes ran were under a decompressor.
 * Stateless.
 */
public final class RequestFiles {
    /** Spark's Parquet {@code compression} option for request tables. */
    public static final String COMPRESSION = "none";

    private RequestFiles() {}

    /** A writer of {@code requests} as uncompressed Parquet; the caller picks the mode and path. */
    public static DataFrameWriter<Row> writer(Dataset<Row> requests) {
        return requests.write().option("compression", COMPRESSION);
    }
}
