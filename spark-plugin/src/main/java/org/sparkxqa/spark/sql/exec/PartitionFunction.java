package org.sparkxqa.spark.sql.exec;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.sparkxqa.spark.sql.Scala;
import org.sparkxqa.spark.sql.expressions.XqaAttentionResult;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/**
 * What each task of the batched operator runs on its partition: a {@link BatchingIterator} over the
 * child's rows. Serialized into tasks; holds only plan data.
 */
final class PartitionFunction extends AbstractFunction2<Object, Iterator<InternalRow>, Iterator<InternalRow>>
    implements Serializable {
  private final XqaAttentionResult call;
  private final ArrayList<Expression> inputs;
  private final ArrayList<Attribute> childOutput;
  private final ArrayList<Attribute> output;
  private final BatchSettings settings;
  private final OperatorMetrics metrics;

  /** {@code inputs}: q, k, v, tree and optionally the row id, over {@code childOutput}. */
  PartitionFunction(XqaAttentionResult call, List<Expression> inputs, List<Attribute> childOutput,
      List<Attribute> output, BatchSettings settings, OperatorMetrics metrics) {
    this.call = call;
    this.inputs = new ArrayList<>(inputs);
    this.childOutput = new ArrayList<>(childOutput);
    this.output = new ArrayList<>(output);
    this.settings = settings;
    this.metrics = metrics;
  }

  @Override
  public Iterator<InternalRow> apply(Object partition, Iterator<InternalRow> rows) {
    RowReader reader = new RowReader(call.spec(), inputs, childOutput);
    UnsafeProjection project = UnsafeProjection.create(Scala.<Expression>seq(output), Scala.seq(output));
    return new BatchingIterator(rows, reader, call.spec(), settings, metrics, project, (Integer) partition);
  }
}
