package org.sparkxqa.spark.sql.exec;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.unsafe.types.UTF8String;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.exec.BatchEvaluator;
import org.sparkxqa.spark.exec.BatchSettings;
import org.sparkxqa.spark.exec.PartitionEvaluator;
import org.sparkxqa.spark.exec.RowResult;
import org.sparkxqa.spark.plugin.ExecutorBackends;
import org.sparkxqa.spark.sql.Scala;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction2;

/**
 * What each task of the batched operator runs on its partition: the child's rows (copied, since they
 * are buffered) through a {@link PartitionEvaluator} on the executor's shared backend, each joined
 * with its {@code STRUCT<out, xqa_error>} result. Serialized into tasks; holds only plan data.
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
  PartitionFunction(AttentionSpec spec, List<Expression> inputs, List<Attribute> childOutput, List<Attribute> output,
      BatchSettings settings, OperatorMetrics metrics) {
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
    UnsafeProjection project = UnsafeProjection.create(Scala.<Expression>seq(output), Scala.seq(output));
    JoinedRow joined = new JoinedRow();
    BatchEvaluator batches = new BatchEvaluator(spec, ExecutorBackends::current, settings.onInvalidRow(),
        metrics.taskListener());
    PartitionEvaluator<InternalRow, InternalRow> evaluator = new PartitionEvaluator<>(reader::read,
        (row, result) -> project.apply(joined.apply(row, resultRow(result))), batches, settings);
    return CollectionConverters.asScala(evaluator.evaluate(CollectionConverters.asJava(rows.map(InternalRow::copy))));
  }

  private static InternalRow resultRow(RowResult result) {
    UTF8String error = result.error() == null ? null : UTF8String.fromString(result.error());
    return new GenericInternalRow(new Object[] {new GenericInternalRow(new Object[] {result.out(), error})});
  }
}
