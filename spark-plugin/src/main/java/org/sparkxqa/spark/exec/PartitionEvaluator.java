package org.sparkxqa.spark.exec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Evaluates a partition: reads each row as a {@link RequestInput}, groups rows into batches (by
 * {@code batch.maxRows} and {@code batch.maxBytes}), evaluates each batch with one backend call and
 * joins the results back onto the rows, in order. Lazy: the output iterator pulls one batch at a
 * time. Independent of the row type, so the job ({@code Row}) and the SQL node can share it.
 * Not thread-safe (one per task).
 *
 * @param <T> input row type
 * @param <R> output row type
 */
public final class PartitionEvaluator<T, R> {
  private final Function<T, RequestInput> read;
  private final BiFunction<T, RowResult, R> write;
  private final BatchEvaluator evaluator;
  private final int maxRows;
  private final long maxBytes;

  /**
   * @param read turns a row into its request data
   * @param write builds the output row from the input row and its result
   * @param evaluator evaluates one batch
   * @param options batch limits
   */
  public PartitionEvaluator(Function<T, RequestInput> read, BiFunction<T, RowResult, R> write,
      BatchEvaluator evaluator, EvaluationOptions options) {
    this.read = read;
    this.write = write;
    this.evaluator = evaluator;
    this.maxRows = options.batchMaxRows();
    this.maxBytes = options.batchMaxBytes();
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
    RowBatcher<Pending<T>> batches = new RowBatcher<>(pending, maxRows, maxBytes, p -> p.input.bytes());
    return new Iterator<>() {
      private Iterator<R> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && batches.hasNext()) {
          current = evaluateBatch(batches.next()).iterator();
        }
        return current.hasNext();
      }

      @Override
      public R next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  private List<R> evaluateBatch(List<Pending<T>> batch) {
    List<RequestInput> inputs = new ArrayList<>(batch.size());
    for (Pending<T> p : batch) {
      inputs.add(p.input);
    }
    List<RowResult> results = evaluator.evaluate(inputs);
    List<R> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      out.add(write.apply(batch.get(i).row, results.get(i)));
    }
    return out;
  }

  private record Pending<T>(T row, RequestInput input) {}
}
