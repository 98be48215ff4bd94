package org.sparkxqa.spark.sql.exec;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.batch.BatchSettings;
import org.sparkxqa.spark.batch.ResolvedBatchSettings;
import org.sparkxqa.spark.eval.BatchEvaluator;
import org.sparkxqa.spark.eval.PartitionEvaluator;
import org.sparkxqa.spark.eval.RowResult;
import org.sparkxqa.spark.executor.ExecutorServices;
import org.sparkxqa.spark.executor.ExecutorServicesRegistry;
import org.sparkxqa.spark.sql.metrics.OperatorMetrics;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction2;

/**
 * What each task of the batched operator runs on its partition: the child's rows through a
 * {@link PartitionEvaluator}, each joined with its {@code STRUCT<out, xqa_error>} result. Rows are
 * buffered by {@link BufferedRows} (q, k and v held once). The executor's {@link ExecutorServices}
 * are looked up once per task, here: they resolve the byte budget {@code auto} and give the backend
 * (the executor's shared one, or the CPU backend under {@code spark.xqa.queryBackend=cpu}).
 * Serialized into tasks; holds only plan data.
 */
final class PartitionFunction extends AbstractFunction2<Object, Iterator<InternalRow>, Iterator<InternalRow>>
        implements Serializable {
    private final AttentionSpec spec;
    private final ArrayList<Expression> inputs;
    private final ArrayList<Attribute> childOutput;
    private final ArrayList<Attribute> output;
    private final BatchSettings settings;
    private final OperatorMetrics metrics;

    /** {@code inputs}: q, k, v, tree and optionally the row id, over {@code childOutput}. */
    PartitionFunction(
            AttentionSpec spec,
            List<Expression> inputs,
            List<Attribute> childOutput,
            List<Attribute> output,
            BatchSettings settings,
            OperatorMetrics metrics) {
        this.spec = spec;
        this.inputs = new ArrayList<>(inputs);
        this.childOutput = new ArrayList<>(childOutput);
        this.output = new ArrayList<>(output);
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public Iterator<InternalRow> apply(Object partition, Iterator<InternalRow> rows) {
        RowReader reader = new RowReader(inputs, childOutput, (Integer) partition);
        BufferedRows buffered = new BufferedRows(inputs.subList(0, 3), childOutput, output);
        ExecutorServices services = ExecutorServicesRegistry.current();
        ResolvedBatchSettings resolved = services.budget().resolve(settings);
        BatchEvaluator batches = new BatchEvaluator(
                spec, services, resolved.backend(), resolved.onInvalidRow(), metrics.taskListener(services));
        PartitionEvaluator<BufferedRows.Buffered, InternalRow> evaluator = new PartitionEvaluator<>(
                BufferedRows.Buffered::input,
                (row, result) -> buffered.output(row, resultRow(result)),
                batches,
                resolved);
        return CollectionConverters.asScala(evaluator.evaluate(
                CollectionConverters.asJava(rows.map(row -> buffered.buffer(row, reader.read(row))))));
    }

    private static InternalRow resultRow(RowResult result) {
        UTF8String error = result.error() == null ? null : UTF8String.fromString(result.error());
        return new GenericInternalRow(new Object[] {new GenericInternalRow(new Object[] {result.out(), error})});
    }
}
