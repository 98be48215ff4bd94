package org.sparkxqa.spark.sql.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeSet;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SortOrder;
import org.apache.spark.sql.catalyst.plans.physical.Partitioning;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.sparkxqa.spark.exec.BatchSettings;
import org.sparkxqa.spark.plugin.ExecutorUse;
import org.sparkxqa.spark.sql.Scala;
import org.sparkxqa.spark.sql.expressions.XqaAttentionResult;
import org.sparkxqa.spark.sql.plan.SpecText;
import scala.Option;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Map;
import scala.collection.immutable.Seq;
import scala.reflect.ClassTag$;

/**
 * Physical operator of {@code xqa_attention}: per partition, buffers rows into batches
 * ({@link BatchSettings}), makes ONE backend launch per batch on the executor's shared backend, and
 * appends {@code result} ({@code STRUCT<out, xqa_error>}) to every row, keeping partitioning and row
 * order. EXPLAIN: {@code XqaAttention [xqa_result#12] bf16 Hq=32 Hkv=8 D=128, maxRows=256, ...}.
 * SQL metrics: rows, batches, invalid rows, kernel time, bytes copied, JIT time. The evaluation itself
 * is {@link org.sparkxqa.spark.exec.PartitionEvaluator}'s.
 */
public final class XqaAttentionExec extends SparkPlan {
  private final XqaAttentionResult call;
  private final Attribute result;
  private final Option<Expression> rowId;
  private final SparkPlan child;
  private final BatchSettings settings;
  private OperatorMetrics metrics;

  public XqaAttentionExec(XqaAttentionResult call, Attribute result, Option<Expression> rowId, SparkPlan child,
      BatchSettings settings) {
    this.call = call;
    this.result = result;
    this.rowId = rowId;
    this.child = child;
    this.settings = settings;
  }

  public BatchSettings settings() {
    return settings;
  }

  /** Which executors ran this operator's tasks, with which backend and GPU (after the query ran). */
  public synchronized List<ExecutorUse> executorUses() {
    metrics();
    return metrics.executorUses();
  }

  @Override
  public String nodeName() {
    return "XqaAttention";
  }

  @Override
  public String simpleString(int maxFields) {
    return nodeName() + " [" + result + "] " + SpecText.of(call.spec()) + ", " + settings;
  }

  @Override
  public synchronized Map<String, SQLMetric> metrics() {
    if (metrics == null) {
      metrics = OperatorMetrics.create(sparkContext());
    }
    return Scala.immutableMap(metrics.byKey());
  }

  @Override
  public RDD<InternalRow> doExecute() {
    metrics();
    List<Expression> inputs = new ArrayList<>(call.inputs());
    if (rowId.isDefined()) {
      inputs.add(rowId.get());
    }
    PartitionFunction f = new PartitionFunction(call.spec(), inputs, Scala.list(child.output()), Scala.list(output()),
        settings, metrics);
    RDD<InternalRow> rows = child.execute();
    return rows.mapPartitionsWithIndexInternal(f, rows.mapPartitionsWithIndexInternal$default$2(),
        rows.mapPartitionsWithIndexInternal$default$3(), rows.mapPartitionsWithIndexInternal$default$4(),
        ClassTag$.MODULE$.apply(InternalRow.class));
  }

  @Override
  public Seq<Attribute> output() {
    List<Attribute> out = new ArrayList<>(Scala.list(child.output()));
    out.add(result);
    return Scala.seq(out);
  }

  @Override
  public AttributeSet producedAttributes() {
    return result.references();
  }

  @Override
  public Partitioning outputPartitioning() {
    return child.outputPartitioning();
  }

  @Override
  public Seq<SortOrder> outputOrdering() {
    return child.outputOrdering();
  }

  @Override
  public Seq<SparkPlan> children() {
    return Scala.seq(child);
  }

  @Override
  public SparkPlan withNewChildrenInternal(IndexedSeq<SparkPlan> newChildren) {
    return new XqaAttentionExec(call, result, rowId, newChildren.apply(0), settings);
  }

  @Override
  public int productArity() {
    return 5;
  }

  @Override
  public Object productElement(int n) {
    return switch (n) {
      case 0 -> call;
      case 1 -> result;
      case 2 -> rowId;
      case 3 -> child;
      case 4 -> settings;
      default -> throw new IndexOutOfBoundsException(n);
    };
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof XqaAttentionExec;
  }

  @Override
  public boolean equals(Object other) {
    return this == other || (other instanceof XqaAttentionExec e && call.equals(e.call) && result.equals(e.result)
        && rowId.equals(e.rowId) && child.equals(e.child) && settings.equals(e.settings));
  }

  @Override
  public int hashCode() {
    return Objects.hash(call, result, rowId, child, settings);
  }
}
