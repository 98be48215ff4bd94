package org.sparkxqa.spark.sql.plan;

import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.sparkxqa.spark.sql.XqaErrors;
import org.sparkxqa.spark.sql.expressions.AttentionCall;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Analysis check: {@code xqa_attention} calls may appear only in a SELECT list ({@code Project}) or a
 * WHERE clause ({@code Filter}), where the batched operator can take them over. Anywhere else
 * (GROUP BY, ORDER BY, JOIN conditions, aggregates, window functions) is an {@code AnalysisException}
 * that says to compute the call in a subquery first. Stateless.
 */
public final class XqaPlacementCheck extends AbstractFunction1<LogicalPlan, BoxedUnit> {

    @Override
    public BoxedUnit apply(LogicalPlan plan) {
        plan.foreach(node -> {
            if (!(node instanceof Project || node instanceof Filter || node instanceof XqaAttentionEval)
                    && hasCall(node)) {
                throw misplaced(node);
            }
            return BoxedUnit.UNIT;
        });
        return BoxedUnit.UNIT;
    }

    /** Whether any expression of {@code node} holds an attention call. */
    static boolean hasCall(LogicalPlan node) {
        return node.expressions().exists(XqaPlacementCheck::containsCall);
    }

    static boolean containsCall(Expression e) {
        return e.exists(x -> x instanceof AttentionCall);
    }

    static RuntimeException misplaced(LogicalPlan node) {
        return XqaErrors.failAnalysis("xqa_attention can only be used in a SELECT list or a WHERE clause, not in "
                + node.nodeName()
                + "; compute it in a subquery (or withColumn) first and use the resulting column. Operator: "
                + node.simpleString(10));
    }
}
