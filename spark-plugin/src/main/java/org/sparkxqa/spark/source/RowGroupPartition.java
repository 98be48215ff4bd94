package org.sparkxqa.spark.source;

import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One task's share of a request table: one row group of one Parquet file. Immutable.
 *
 * @param file the file's Hadoop path, as a string
 * @param rowGroup the row group's index in the file's footer, from 0
 * @param rows the rows the footer gives it
 */
record RowGroupPartition(String file, int rowGroup, long rows) implements InputPartition {}
