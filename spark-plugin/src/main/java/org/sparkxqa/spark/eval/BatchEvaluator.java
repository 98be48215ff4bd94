package org.sparkxqa.spark.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.InvalidRequestException;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.memory.OutOfBackendMemoryException;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.config.QueryBackend;
import org.sparkxqa.spark.executor.BackendSource;
import org.sparkxqa.spark.executor.ExecutorServices;
import org.sparkxqa.spark.executor.GpuPermits;
import org.sparkxqa.spark.executor.XqaMetrics;

/**
 * Evaluates one batch of rows with ONE {@link AttentionBackend#attend} call: validates every row,
 * applies the invalid-row policy, and returns one result per row in order. The backend comes from
 * the executor's {@link ExecutorServices} and is asked for only when a batch has a valid row; a GPU
 * backend is called holding a {@link GpuPermits} permit. A launch that runs out of device or pinned
 * memory is split in halves and retried ({@link SplitRetry}); a row that does not fit even alone
 * gets the invalid-row policy's answer, its reason naming the bytes it needed and those available.
 * Not thread-safe (one per task); the backend it uses may be shared and is never closed here.
 */
public final class BatchEvaluator {
    private final AttentionSpec spec;
    private final ExecutorServices services;
    private final QueryBackend backend;
    private final InvalidRowPolicy policy;
    private final BatchListener listener;

    /**
     * @param spec the shape of every request
     * @param services the executor's backends, GPU permits, clock and metrics
     * @param backend which of the executor's backends the query uses
     * @param policy what to do with an invalid row
     * @param listener told about every batch
     */
    public BatchEvaluator(
            AttentionSpec spec,
            ExecutorServices services,
            QueryBackend backend,
            InvalidRowPolicy policy,
            BatchListener listener) {
        this.spec = spec;
        this.services = services;
        this.backend = backend;
        this.policy = policy;
        this.listener = listener;
    }

    /**
     * One result per input row, in order.
     *
     * @throws InvalidRowException under {@link InvalidRowPolicy#FAIL}, for the first invalid row (or row
     *     too large for the memory)
     */
    public List<RowResult> evaluate(List<RequestInput> batch) {
        RowResult[] results = new RowResult[batch.size()];
        List<Request> valid = new ArrayList<>(batch.size());
        int[] slots = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            RequestInput in = batch.get(i);
            try {
                Request request = toRequest(in);
                slots[valid.size()] = i;
                valid.add(request);
            } catch (InvalidRequestException e) {
                if (policy == InvalidRowPolicy.FAIL) {
                    InvalidRowException failure = new InvalidRowException(in.rowId(), e.reason());
                    listener.onFailingRow(failure);
                    throw failure;
                }
                results[i] = RowResult.invalid(e.reason());
            }
        }
        if (valid.isEmpty()) {
            listener.onBatch(BatchStats.noLaunch(batch.size()));
            return Arrays.asList(results);
        }
        AttentionBackend b = services.backends().backend(backend);
        long[] nanos = new long[1];
        XqaMetrics.ThreadTotals[] totals = {new XqaMetrics.ThreadTotals(0, 0, 0, 0)};
        SplitRetry retry = new SplitRetry(part -> launch(b, part, nanos, totals), policy == InvalidRowPolicy.FAIL);
        retry.run(valid);
        long bytesIn = 0;
        long bytesOut = 0;
        int tooLarge = 0;
        for (int j = 0; j < valid.size(); j++) {
            OutOfBackendMemoryException oom = retry.tooLarge(j);
            if (oom != null) {
                String reason = "does not fit in memory even alone in a batch: " + oom.getMessage();
                if (policy == InvalidRowPolicy.FAIL) {
                    InvalidRowException failure =
                            new InvalidRowException(batch.get(slots[j]).rowId(), reason);
                    listener.onFailingRow(failure);
                    throw failure;
                }
                results[slots[j]] = RowResult.invalid(reason);
                tooLarge++;
                continue;
            }
            results[slots[j]] = RowResult.ok(retry.out(j));
            bytesIn += valid.get(j).bytes();
            bytesOut += retry.out(j).length;
        }
        listener.onBatch(new BatchStats(
                b.name(),
                batch.size(),
                batch.size() - valid.size() + tooLarge,
                bytesIn,
                bytesOut,
                nanos[0],
                totals[0].jitNanos(),
                totals[0].deviceNanos(),
                totals[0].packedBytes(),
                totals[0].packNanos(),
                retry.retries(),
                retry.splits()));
        return Arrays.asList(results);
    }

    /**
     * One backend call (holding a GPU permit for a GPU backend); adds its wall time less the permit wait to
     * {@code nanos} and what it recorded on this thread to {@code totals}.
     */
    private List<byte[]> launch(
            AttentionBackend b, List<Request> requests, long[] nanos, XqaMetrics.ThreadTotals[] totals) {
        XqaMetrics.ThreadTotals before = services.metrics().ofThisThread();
        long t0 = services.clock().nanoTime();
        long[] waited = {0};
        try {
            return services.gpuPermits()
                    .attend(b, BackendSource.usesGpu(b), spec, requests, services.clock(), w -> waited[0] += w);
        } finally {
            nanos[0] += services.clock().nanoTime() - t0 - waited[0];
            totals[0] = totals[0].plus(services.metrics().ofThisThread().minus(before));
        }
    }

    private Request toRequest(RequestInput in) {
        if (in.readError() != null) {
            throw new InvalidRequestException(in.readError());
        }
        return Request.of(spec, in.q(), in.k(), in.v(), in.parents(), in.packedMask());
    }
}
