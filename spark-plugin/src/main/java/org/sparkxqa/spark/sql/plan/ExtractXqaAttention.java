package org.sparkxqa.spark.sql.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GetStructField;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression$;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.types.Metadata;
import org.sparkxqa.spark.sql.Scala;
import org.sparkxqa.spark.sql.expressions.AttentionCall;
import org.sparkxqa.spark.sql.expressions.XqaAttentionResult;
import scala.Option;
import scala.PartialFunction;
import scala.runtime.BoxedUnit;

/**
 * Moves every {@code xqa_attention}/{@code xqa_attention_result} call out of {@code Project} and
 * {@code Filter} into {@link XqaAttentionEval} operators below them (the model is Spark's
 * {@code ExtractPythonUDFs}). Each distinct call gets one operator, stacked innermost call first;
 * calls are replaced by the operator's result attribute (or its {@code out} field). A Filter keeps
 * its output through a Project on top. Runs once, after the operator optimizations (a pre-CBO rule),
 * so filters have already been pushed below the calls. {@link XqaPlacementCheck} has already rejected
 * calls elsewhere at analysis; one found here anyway is an error, never a row-at-a-time evaluation.
 */
public final class ExtractXqaAttention extends Rule<LogicalPlan> {

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return plan.transformUp(PartialFunction.fromFunction(ExtractXqaAttention::rewrite));
    }

    private static LogicalPlan rewrite(LogicalPlan node) {
        if (node instanceof XqaAttentionEval || !XqaPlacementCheck.hasCall(node)) {
            return node;
        }
        if (node instanceof Project p) {
            List<NamedExpression> projectList = Scala.list(p.projectList());
            Extracted e = extract(projectList.stream().map(x -> (Expression) x).toList(), p.child());
            return new Project(
                    Scala.seq(
                            e.expressions.stream().map(x -> (NamedExpression) x).toList()),
                    e.child);
        }
        if (node instanceof Filter f) {
            Extracted e = extract(List.of(f.condition()), f.child());
            List<NamedExpression> keep = Scala.list(f.output()).stream()
                    .map(a -> (NamedExpression) a)
                    .toList();
            return new Project(Scala.seq(keep), new Filter(e.expressions.get(0), e.child));
        }
        throw XqaPlacementCheck.misplaced(node);
    }

    private record Extracted(List<Expression> expressions, LogicalPlan child) {}

    private static Extracted extract(List<Expression> expressions, LogicalPlan child) {
        while (true) {
            Map<Expression, Slot> results = new LinkedHashMap<>();
            for (Expression e : expressions) {
                e.foreach(x -> innermost(x, results));
            }
            if (results.isEmpty()) {
                return new Extracted(expressions, child);
            }
            for (Slot s : results.values()) {
                child = new XqaAttentionEval(s.call, s.result, rowId(child), child);
            }
            List<Expression> next = new ArrayList<>();
            for (Expression e : expressions) {
                next.add(e.transformUp(PartialFunction.fromFunction(x -> replace(x, results))));
            }
            expressions = next;
        }
    }

    /** One distinct call and the attribute its result gets. */
    private record Slot(XqaAttentionResult call, Attribute result) {}

    private static BoxedUnit innermost(Expression x, Map<Expression, Slot> results) {
        if (x instanceof AttentionCall c && c.inputs().stream().noneMatch(XqaPlacementCheck::containsCall)) {
            results.computeIfAbsent(
                    key(c),
                    k -> new Slot(
                            c.asResult(),
                            new AttributeReference(
                                    "xqa_result",
                                    XqaAttentionResult.TYPE,
                                    true,
                                    Metadata.empty(),
                                    NamedExpression$.MODULE$.newExprId(),
                                    Scala.seq())));
        }
        return BoxedUnit.UNIT;
    }

    private static Expression replace(Expression x, Map<Expression, Slot> results) {
        if (x instanceof AttentionCall c && results.containsKey(key(c))) {
            Attribute r = results.get(key(c)).result;
            return c instanceof XqaAttentionResult ? r : new GetStructField(r, 0, Option.apply("out"));
        }
        return x;
    }

    private static Expression key(AttentionCall c) {
        return c.asResult().canonicalized();
    }

    private static Option<Expression> rowId(LogicalPlan child) {
        for (Attribute a : Scala.list(child.output())) {
            if (a.name().equalsIgnoreCase("id")) {
                return Option.apply(a);
            }
        }
        return Option.empty();
    }
}
