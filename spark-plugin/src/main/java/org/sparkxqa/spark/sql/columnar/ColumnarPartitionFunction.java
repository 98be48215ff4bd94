package org.sparkxqa.spark.sql.columnar;

import java.io.Serializable;
import java.util.Iterator;
import java.util.stream.IntStream;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.util.TaskCompletionListener;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.batch.BatchSettings;
import org.sparkxqa.spark.batch.ResolvedBatchSettings;
import org.sparkxqa.spark.eval.BatchEvaluator;
import org.sparkxqa.spark.eval.PartitionEvaluator;
import org.sparkxqa.spark.executor.ExecutorServices;
import org.sparkxqa.spark.executor.ExecutorServicesRegistry;
import org.sparkxqa.spark.sql.metrics.OperatorMetrics;
import scala.runtime.AbstractFunction2;

/**
 * What each task of the batched operator runs on a columnar child: for every input batch, its rows
 * are read as requests whose q/k/v are views into the batch's vectors, evaluated in launches cut by
 * {@code batch.maxRows}/{@code batch.maxBytes} (a launch never spans two input batches, whose vectors
 * the source may reuse), and the batch is passed on with the result column appended: the input's
 * vectors are not copied. Same services (looked up once per task), policies and metrics as the row
 * path. Serialized into tasks.
 */
public final class ColumnarPartitionFunction
        extends AbstractFunction2<
                Object, scala.collection.Iterator<ColumnarBatch>, scala.collection.Iterator<ColumnarBatch>>
        implements Serializable {
    private final AttentionSpec spec;
    private final ColumnarInputs inputs;
    private final BatchSettings settings;
    private final OperatorMetrics metrics;

    public ColumnarPartitionFunction(
            AttentionSpec spec, ColumnarInputs inputs, BatchSettings settings, OperatorMetrics metrics) {
        this.spec = spec;
        this.inputs = inputs;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public scala.collection.Iterator<ColumnarBatch> apply(
            Object partition, scala.collection.Iterator<ColumnarBatch> in) {
        ExecutorServices services = ExecutorServicesRegistry.current();
        ResolvedBatchSettings resolved = services.budget().resolve(settings);
        BatchEvaluator batches = new BatchEvaluator(
                spec, services, resolved.backend(), resolved.onInvalidRow(), metrics.taskListener(services));
        ColumnarRequestReader reader = new ColumnarRequestReader(inputs, (Integer) partition);
        ResultColumn result = new ResultColumn();
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> result.close());
        }
        PartitionEvaluator<Integer, Integer> rows = new PartitionEvaluator<>(
                reader::read,
                (row, r) -> {
                    result.put(row, r);
                    return row;
                },
                batches,
                resolved);
        return in.map(batch -> evaluate(batch, reader, result, rows));
    }

    private static ColumnarBatch evaluate(
            ColumnarBatch batch,
            ColumnarRequestReader reader,
            ResultColumn result,
            PartitionEvaluator<Integer, Integer> rows) {
        int n = batch.numRows();
        reader.start(batch);
        ColumnVector column = result.reset(n);
        Iterator<Integer> done = rows.evaluate(IntStream.range(0, n).boxed().iterator());
        while (done.hasNext()) {
            done.next();
        }
        ColumnVector[] vectors = new ColumnVector[batch.numCols() + 1];
        for (int c = 0; c < batch.numCols(); c++) {
            vectors[c] = batch.column(c);
        }
        vectors[batch.numCols()] = column;
        return new ColumnarBatch(vectors, n);
    }
}
