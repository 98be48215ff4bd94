package org.sparkxqa.spark.sql.plan;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeSet;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.sparkxqa.spark.sql.PlanFields;
import org.sparkxqa.spark.sql.Scala;
import org.sparkxqa.spark.sql.SpecText;
import org.sparkxqa.spark.sql.expressions.XqaAttentionResult;
import scala.Option;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;

/**
 * Logical operator that evaluates one {@code xqa_attention_result} call for every row of its child,
 * in batches, and appends the result as attribute {@code result} ({@code STRUCT<out, xqa_error>}):
 * output = child output + {@code result}. Rows keep their order. {@code rowId} is the child's
 * {@code id} column when it has one, named in errors about invalid rows. Made by
 * {@link ExtractXqaAttention}, planned by {@link XqaStrategy}. Immutable.
 */
public final class XqaAttentionEval extends LogicalPlan {
    private final XqaAttentionResult call;
    private final Attribute result;
    private final Option<Expression> rowId;
    private final LogicalPlan child;

    public XqaAttentionEval(XqaAttentionResult call, Attribute result, Option<Expression> rowId, LogicalPlan child) {
        this.call = call;
        this.result = result;
        this.rowId = rowId;
        this.child = child;
    }

    public XqaAttentionResult call() {
        return call;
    }

    public Attribute result() {
        return result;
    }

    public Option<Expression> rowId() {
        return rowId;
    }

    public LogicalPlan child() {
        return child;
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
    public Seq<LogicalPlan> children() {
        return Scala.seq(child);
    }

    @Override
    public LogicalPlan withNewChildrenInternal(IndexedSeq<LogicalPlan> newChildren) {
        return new XqaAttentionEval(call, result, rowId, newChildren.apply(0));
    }

    @Override
    public String simpleString(int maxFields) {
        return "XqaAttentionEval [" + result + "] " + SpecText.of(call.spec()) + ", rowId=" + rowId;
    }

    private PlanFields fields() {
        return PlanFields.of(call, result, rowId, child);
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
        return other instanceof XqaAttentionEval;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || (other instanceof XqaAttentionEval e && fields().equals(e.fields()));
    }

    @Override
    public int hashCode() {
        return fields().hashCode();
    }
}
