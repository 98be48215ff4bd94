package org.sparkxqa.spark.sql.exec;

import org.apache.spark.sql.catalyst.InternalRow;
import org.sparkxqa.core.Request;

/**
 * One buffered input row: its own copy of the row, and either the validated {@link Request} or the
 * reason it is invalid. Confined to one task's thread.
 *
 * @param row the input row (a copy the batch owns)
 * @param request the request, or null when invalid
 * @param error why the row is invalid, or null
 * @param bytes q+k+v bytes, counted against {@code spark.xqa.batch.maxBytes}
 */
record PendingRow(InternalRow row, Request request, String error, long bytes) {}
