package org.sparkxqa.spark.job.data;

import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How the job writes tables of requests ({@code generate}, the bench's Parquet files): Parquet without
 * compression, in pages of about 64 MiB and row groups of about 128 MiB. K/V values rarely compress (generated ones not at all: 64 requests of bf16 32/8/128,
 * 242,331,648 bytes of q/k/v, made 242,347,795 bytes of snappy files), while reading compressed pages
 * costs every executor core a decompression and a fresh direct buffer per page: in the H100 bench's
 * profile, 772 of the 2,255 samples taken while the Parquet passes ran were under a decompressor.
 * Stateless.
 */
public final class RequestFiles {
    /** Spark's Parquet {@code compression} option for request tables. */
    public static final String COMPRESSION = "none";

    private RequestFiles() {}

    /**
     * Rows parquet-mr writes before it first compares a page's and a row group's size with their
     * limits: 1, so pages stay near {@link #PAGE_BYTES} and row groups near {@code parquet.block.size}
     * (128 MiB) when a row holds megabytes. At parquet-mr's default, 100, a file of 100 requests was
     * one page per column and one row group (430 MB of K/V), which cuDF's chunked reader (the GPU
     * reader) cannot cut: it cuts chunks between pages only and reads a row group per pass.
     */
    public static final int SIZE_CHECK_ROWS = 1;
    /**
     * Page size of request files: 64 MiB. Pages of 1 MiB (parquet-mr's default) made Spark's scan of
     * 400 requests (1.7 GB, 2-core CPU machine, 16 rows per scan batch, median of 5 warm scans) about 7%
     * slower than one page per file (1.87 s against 1.74 s); 64 MiB pages took 1.74 s too (single scans
     * there spread over 1.1-2.1 s).
     */
    public static final long PAGE_BYTES = 64L << 20;

    /** A writer of {@code requests} as uncompressed Parquet; the caller picks the mode and path. */
    public static DataFrameWriter<Row> writer(Dataset<Row> requests) {
        return requests.write()
                .option("compression", COMPRESSION)
                .option("parquet.page.size.row.check.min", SIZE_CHECK_ROWS)
                .option("parquet.page.size", PAGE_BYTES);
    }
}
