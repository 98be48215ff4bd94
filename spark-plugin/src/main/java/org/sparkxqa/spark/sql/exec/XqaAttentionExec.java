package org.sparkxqa.spark.sql.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeSet;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SortOrder;
import org.apache.spark.sql.catalyst.plans.physical.Partitioning;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.sparkxqa.spark.batch.BatchSettings;
import org.sparkxqa.spark.executor.ExecutorUse;
import org.sparkxqa.spark.sql.PlanFields;
import org.sparkxqa.spark.sql.Scala;
import org.sparkxqa.spark.sql.SpecText;
import org.sparkxqa.spark.sql.columnar.ColumnarInputs;
import org.sparkxqa.spark.sql.columnar.ColumnarPartitionFunction;
import org.sparkxqa.spark.sql.expressions.XqaAttentionResult;
import org.sparkxqa.spark.sql.metrics.OperatorMetrics;
import scala.Option;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Map;
import scala.collection.immutable.Seq;
import scala.reflect.ClassTag$;

/**
 * Physical operator of {@code xqa_attention}: per partition, buffers rows into batches
 * ({@link BatchSettings}), makes ONE backend launch per batch on the executor's shared backend, and
 * appends {@code result} ({@code STRUCT<out, xqa_error>}) to every row, keeping partitioning and row
 * order. Over a columnar child (the Parquet vectorized scan) it is columnar itself
 * ({@link ColumnarPartitionFunction}): the child's vectors pass through and the result is a column;
 * otherwise it works on rows. EXPLAIN: {@code XqaAttention [xqa_result#12] bf16 Hq=32 Hkv=8 D=128, maxRows=256, ...}.
 * SQL metrics: rows, batches, invalid rows, backend time, bytes copied, JIT time, OOM retries and
 * splits. The evaluation itself is {@link org.sparkxqa.spark.eval.PartitionEvaluator}'s.
 */
public final class XqaAttentionExec extends SparkPlan {
    private final XqaAttentionResult call;
    private final Attribute result;
    private final Option<Expression> rowId;
    private final SparkPlan child;
    private final BatchSettings settings;
    private final boolean columnarEnabled;
    private OperatorMetrics metrics;

    /**
     * @param columnarEnabled {@code spark.xqa.columnar.enabled}: consume the child's columnar batches when
     *     it produces them and every input is a plain column of it
     */
    public XqaAttentionExec(
            XqaAttentionResult call,
            Attribute result,
            Option<Expression> rowId,
            SparkPlan child,
            BatchSettings settings,
            boolean columnarEnabled) {
        this.call = call;
        this.result = result;
        this.rowId = rowId;
        this.child = child;
        this.settings = settings;
        this.columnarEnabled = columnarEnabled;
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
        return nodeName() + " [" + result + "] " + SpecText.of(call.spec()) + ", " + settings
                + (supportsColumnar() ? ", columnar" : "");
    }

    /** Columnar in and out when the child is columnar, the setting allows it and every input is a child column. */
    @Override
    public boolean supportsColumnar() {
        return columnarEnabled && child.supportsColumnar() && columnarInputs().isPresent();
    }

    @Override
    public RDD<ColumnarBatch> doExecuteColumnar() {
        metrics();
        ColumnarPartitionFunction f =
                new ColumnarPartitionFunction(call.spec(), columnarInputs().orElseThrow(), settings, metrics);
        RDD<ColumnarBatch> batches = child.executeColumnar();
        return batches.mapPartitionsWithIndexInternal(
                f,
                batches.mapPartitionsWithIndexInternal$default$2(),
                batches.mapPartitionsWithIndexInternal$default$3(),
                batches.mapPartitionsWithIndexInternal$default$4(),
                ClassTag$.MODULE$.apply(ColumnarBatch.class));
    }

    private Optional<ColumnarInputs> columnarInputs() {
        return ColumnarInputs.resolve(inputs(), Scala.list(child.output()));
    }

    private List<Expression> inputs() {
        List<Expression> inputs = new ArrayList<>(call.inputs());
        if (rowId.isDefined()) {
            inputs.add(rowId.get());
        }
        return inputs;
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
        PartitionFunction f = new PartitionFunction(
                call.spec(), inputs(), Scala.list(child.output()), Scala.list(output()), settings, metrics);
        RDD<InternalRow> rows = child.execute();
        return rows.mapPartitionsWithIndexInternal(
                f,
                rows.mapPartitionsWithIndexInternal$default$2(),
                rows.mapPartitionsWithIndexInternal$default$3(),
                rows.mapPartitionsWithIndexInternal$default$4(),
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
        return new XqaAttentionExec(call, result, rowId, newChildren.apply(0), settings, columnarEnabled);
    }

    private PlanFields fields() {
        return PlanFields.of(call, result, rowId, child, settings, columnarEnabled);
    }

    @Override
    public int productArity() {
        return fields().arity();
    }

    @Override
    public Object productElement(int n) {
        return fields().element(n);
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof XqaAttentionExec;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || (other instanceof XqaAttentionExec e && fields().equals(e.fields()));
    }

    @Override
    public int hashCode() {
        return fields().hashCode();
    }
}
