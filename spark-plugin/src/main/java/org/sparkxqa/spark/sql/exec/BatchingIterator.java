package org.sparkxqa.spark.sql.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.unsafe.types.UTF8String;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.Request;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.plugin.ExecutorBackend;
import org.sparkxqa.spark.plugin.GpuTaskSemaphore;
import org.sparkxqa.spark.plugin.XqaMetrics;
import scala.collection.AbstractIterator;
import scala.collection.Iterator;

/**
 * One partition of the batched operator: buffers input rows into batches (at most
 * {@code maxRows} rows and {@code maxBytes} q+k+v bytes; a larger single row is a batch of its own),
 * makes one backend launch per batch, and emits each input row joined with its result, in input
 * order. Owned by one task; not thread-safe.
 */
final class BatchingIterator extends AbstractIterator<InternalRow> {
  private final Iterator<InternalRow> input;
  private final RowReader reader;
  private final AttentionSpec spec;
  private final BatchSettings settings;
  private final OperatorMetrics metrics;
  private final UnsafeProjection output;
  private final int partition;
  private final ArrayDeque<InternalRow[]> ready = new ArrayDeque<>();
  private final JoinedRow joined = new JoinedRow();
  private PendingRow carried;
  private long rowsRead;

  BatchingIterator(Iterator<InternalRow> input, RowReader reader, AttentionSpec spec, BatchSettings settings,
      OperatorMetrics metrics, UnsafeProjection output, int partition) {
    this.input = input;
    this.reader = reader;
    this.spec = spec;
    this.settings = settings;
    this.metrics = metrics;
    this.output = output;
    this.partition = partition;
  }

  @Override
  public boolean hasNext() {
    if (ready.isEmpty() && (carried != null || input.hasNext())) {
      runBatch(nextBatch());
    }
    return !ready.isEmpty();
  }

  @Override
  public InternalRow next() {
    if (!hasNext()) {
      throw new java.util.NoSuchElementException();
    }
    InternalRow[] done = ready.poll();
    return output.apply(joined.apply(done[0], done[1]));
  }

  private List<PendingRow> nextBatch() {
    List<PendingRow> batch = new ArrayList<>();
    long bytes = 0;
    while (batch.size() < settings.maxRows() && bytes < settings.maxBytes() && (carried != null || input.hasNext())) {
      PendingRow row = carried != null ? carried : read(input.next().copy());
      carried = null;
      if (!batch.isEmpty() && bytes + row.bytes() > settings.maxBytes()) {
        carried = row;
        break;
      }
      batch.add(row);
      bytes += row.bytes();
    }
    return batch;
  }

  private PendingRow read(InternalRow row) {
    PendingRow p = reader.read(row);
    long position = rowsRead++;
    if (p.error() != null) {
      metrics.invalidRows().add(1);
      XqaMetrics.INVALID_ROWS.inc();
      if (settings.onInvalidRow() == InvalidRowPolicy.FAIL) {
        String id = reader.id(row);
        String where = id != null ? "id=" + id : "at position " + position + " of partition " + partition;
        throw new InvalidRowException(where + ": " + p.error());
      }
    }
    return p;
  }

  private void runBatch(List<PendingRow> batch) {
    List<Request> requests = new ArrayList<>();
    for (PendingRow p : batch) {
      if (p.request() != null) {
        requests.add(p.request());
      }
    }
    List<byte[]> outs = requests.isEmpty() ? List.of() : launch(requests);
    int next = 0;
    for (PendingRow p : batch) {
      byte[] out = p.request() != null ? outs.get(next++) : null;
      UTF8String error = p.error() == null ? null : UTF8String.fromString(p.error());
      InternalRow result = new GenericInternalRow(new Object[] {new GenericInternalRow(new Object[] {out, error})});
      ready.add(new InternalRow[] {p.row(), result});
    }
    metrics.rows().add(batch.size());
  }

  private List<byte[]> launch(List<Request> requests) {
    AttentionBackend backend = ExecutorBackend.get();
    long jit0 = XqaMetrics.jitNanosOfThisThread();
    long[] nanos = new long[1];
    List<byte[]> outs = ExecutorBackend.usesGpu(backend)
        ? GpuTaskSemaphore.withPermit(() -> timed(backend, requests, nanos)) : timed(backend, requests, nanos);
    long bytes = 0;
    for (int i = 0; i < requests.size(); i++) {
      Request r = requests.get(i);
      bytes += r.q().length + r.kvBytes() + outs.get(i).length;
    }
    metrics.batches().add(1);
    metrics.kernelTime().add(nanos[0]);
    metrics.bytesCopied().add(bytes);
    metrics.jitTime().add(XqaMetrics.jitNanosOfThisThread() - jit0);
    XqaMetrics.recordBatch(requests.size(), nanos[0], bytes);
    return outs;
  }

  private List<byte[]> timed(AttentionBackend backend, List<Request> requests, long[] nanos) {
    long t0 = System.nanoTime();
    List<byte[]> outs = backend.attend(spec, requests);
    nanos[0] = System.nanoTime() - t0;
    return outs;
  }
}
