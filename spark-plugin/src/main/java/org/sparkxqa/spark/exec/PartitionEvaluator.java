package org.sparkxqa.spark.exec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Evaluates a partition: reads each row as a {@link RequestInput}, groups rows into batches
 * ({@link RowBatcher}, by {@code batch.maxRows} and {@code batch.maxBytes}), evaluates each batch with
 * one backend call ({@link BatchEvaluator}) and joins the results back onto the rows, in order. Lazy:
 * pulls one batch at a time, and builds each output row only when it is asked for (so {@code write}
 * may reuse one output object, as Spark projections do). Independent of the row type.
 * Not thread-safe (one per task). Input rows are buffered: the caller hands over rows it will not
 * reuse (e.g. copies of Spark's internal rows).
 *
 * @param <T> input row type
 * @param <R> output row type
 */
public final class PartitionEvaluator<T, R> {
  private final Function<T, RequestInput> read;
  private final BiFunction<T, RowResult, R> write;
  private final BatchEvaluator evaluator;
  private final BatchSettings settings;

  /**
   * @param read turns a row into its request data
   * @param write builds the output row from the input row and its result
   * @param evaluator evaluates one batch
   * @param settings batch limits (its policy is the evaluator's business)
   */
  public PartitionEvaluator(Function<T, RequestInput> read, BiFunction<T, RowResult, R> write,
      BatchEvaluator evaluator, BatchSettings settings) {
    this.read = read;
    this.write = write;
    this.evaluator = evaluator;
    this.settings = settings;
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
        return new Pending<>(row, read.apply(row));
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
          batch = batches.next();
          results = evaluator.evaluate(inputs(batch));
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
        return write.apply(batch.get(i).row, results.get(i));
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
