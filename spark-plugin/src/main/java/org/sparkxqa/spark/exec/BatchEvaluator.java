package org.sparkxqa.spark.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.InvalidRequestException;
import org.sparkxqa.core.Request;

/**
 * Evaluates one batch of rows with ONE {@link AttentionBackend#attend} call: validates every row,
 * applies the invalid-row policy, and returns one result per row in order. The backend is asked for
 * only when a batch has a valid row. Not thread-safe (one per task); the backend it uses may be shared.
 */
public final class BatchEvaluator {
  private final AttentionSpec spec;
  private final Supplier<AttentionBackend> backend;
  private final InvalidRowPolicy policy;
  private final BatchListener listener;

  /**
   * @param spec the shape of every request
   * @param backend gives the backend (not closed by this evaluator)
   * @param policy what to do with an invalid row
   * @param listener told about every batch
   */
  public BatchEvaluator(AttentionSpec spec, Supplier<AttentionBackend> backend, InvalidRowPolicy policy,
      BatchListener listener) {
    this.spec = spec;
    this.backend = backend;
    this.policy = policy;
    this.listener = listener;
  }

  /**
   * One result per input row, in order.
   *
   * @throws InvalidRowException under {@link InvalidRowPolicy#FAIL}, for the first invalid row
   */
  public List<RowResult> evaluate(List<RequestInput> batch) {
    long start = System.nanoTime();
    RowResult[] results = new RowResult[batch.size()];
    List<Request> valid = new ArrayList<>(batch.size());
    int[] slots = new int[batch.size()];
    long kvBytes = 0;
    for (int i = 0; i < batch.size(); i++) {
      RequestInput in = batch.get(i);
      try {
        Request request = toRequest(in);
        slots[valid.size()] = i;
        valid.add(request);
        kvBytes += request.kvBytes();
      } catch (InvalidRequestException e) {
        if (policy == InvalidRowPolicy.FAIL) {
          throw new InvalidRowException(in.rowId(), e.reason());
        }
        results[i] = RowResult.invalid(e.reason());
      }
    }
    String backendName = null;
    if (!valid.isEmpty()) {
      AttentionBackend b = backend.get();
      backendName = b.name();
      List<byte[]> outs = b.attend(spec, valid);
      for (int j = 0; j < outs.size(); j++) {
        results[slots[j]] = RowResult.ok(outs.get(j));
      }
    }
    listener.onBatch(backendName, batch.size(), batch.size() - valid.size(), kvBytes, System.nanoTime() - start);
    return Arrays.asList(results);
  }

  private Request toRequest(RequestInput in) {
    if (in.readError() != null) {
      throw new InvalidRequestException(in.readError());
    }
    return Request.of(spec, in.q(), in.k(), in.v(), in.parents(), in.packedMask());
  }
}
