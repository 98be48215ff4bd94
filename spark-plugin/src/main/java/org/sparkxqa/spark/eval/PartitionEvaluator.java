package org.sparkxqa.spark.eval;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.sparkxqa.spark.batch.ResolvedBatchSettings;
import org.sparkxqa.spark.batch.RowBatcher;

/**
 * Evaluates a partition: reads each row as a {@link RequestInput}, groups rows into batches
 * ({@link RowBatcher}, by {@code batch.maxRows} and {@code batch.maxBytes}), evaluates each batch with
 * one backend call ({@link BatchEvaluator}) and joins the results back onto the rows, in order. Lazy:
 * pulls one batch at a time, and builds each output row only when it is asked for (so {@code write}
 * may reuse one output object, as Spark projections do). Independent of the row type.
 *
 * <p>Memory: input rows are buffered, so the caller hands over rows it will not reuse (e.g. copies of
 * Spark's internal rows). Each row is released as soon as its output row is built, so a batch is
 * gone before the next one is read: the rows held at any time are one batch at most plus the row the
 * batcher read ahead ({@link #heldBytes}). Not thread-safe (one per task).
 *
 * @param <T> input row type
 * @param <R> output row type
 */
public final class PartitionEvaluator<T, R> {
    private final Function<T, RequestInput> read;
    private final BiFunction<T, RowResult, R> write;
    private final BatchEvaluator evaluator;
    private final ResolvedBatchSettings settings;
    private long heldBytes;

    /**
     * @param read turns a row into its request data
     * @param write builds the output row from the input row and its result
     * @param evaluator evaluates one batch
     * @param settings batch limits with a concrete byte budget (its policy is the evaluator's business)
     */
    public PartitionEvaluator(
            Function<T, RequestInput> read,
            BiFunction<T, RowResult, R> write,
            BatchEvaluator evaluator,
            ResolvedBatchSettings settings) {
        this.read = read;
        this.write = write;
        this.evaluator = evaluator;
        this.settings = settings;
    }

    /**
     * The q+k+v bytes of the input rows this evaluator references now: read but not yet written. At
     * most {@code maxBytes} plus one row (the batcher's look-ahead), or one oversized row plus one.
     */
    public long heldBytes() {
        return heldBytes;
    }

    /** The output rows, one per input row, in order. */
    public Iterator<R> evaluate(Iterator<T> rows) {
        Iterator<Pending<T>> pending = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Pending<T> next() {
                T row = rows.next();
                Pending<T> p = new Pending<>(row, read.apply(row));
                heldBytes += p.input.bytes();
                return p;
            }
        };
        RowBatcher<Pending<T>> batches =
                new RowBatcher<>(pending, settings.maxRows(), settings.maxBytes(), p -> p.input.bytes());
        return new Iterator<>() {
            private List<Pending<T>> batch = List.of();
            private List<RowResult> results = List.of();
            private int next;

            @Override
            public boolean hasNext() {
                while (next == batch.size() && batches.hasNext()) {
                    batch = List.of(); // drop the written batch before reading the next one
                    results = List.of();
                    batch = new ArrayList<>(batches.next());
                    results = new ArrayList<>(evaluator.evaluate(inputs(batch)));
                    next = 0;
                }
                return next < batch.size();
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                Pending<T> p = batch.set(i, null);
                RowResult result = results.set(i, null);
                heldBytes -= p.input.bytes();
                return write.apply(p.row, result);
            }
        };
    }

    private static <T> List<RequestInput> inputs(List<Pending<T>> batch) {
        List<RequestInput> inputs = new ArrayList<>(batch.size());
        for (Pending<T> p : batch) {
            inputs.add(p.input);
        }
        return inputs;
    }

    private record Pending<T>(T row, RequestInput input) {}
}
