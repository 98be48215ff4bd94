package org.sparkxqa.spark.sql.expressions;

import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Unevaluable;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.sparkxqa.core.AttentionSpec;
import scala.collection.immutable.Seq;

/**
 * A call of {@code xqa_attention} or {@code xqa_attention_result}: a marker that the planner replaces
 * (see {@code ExtractXqaAttention}) by a batched operator. It never evaluates one row at a time:
 * {@link #eval} and code generation throw. Two calls with the same arguments share one evaluation,
 * whichever of the two functions they are. Arguments are checked at analysis ({@link AttentionArgs}).
 * Immutable; thread-safe.
 */
public abstract class AttentionCall extends XqaExpression implements Unevaluable {

    protected AttentionCall(Seq<Expression> args) {
        super(args);
    }

    /** The spec of this call; only valid once {@link #checkInputDataTypes} succeeds. */
    public final AttentionSpec spec() {
        return AttentionArgs.spec(args());
    }

    /** The data arguments: q, k, v and tree. */
    public final List<Expression> inputs() {
        return args().subList(AttentionArgs.Q, AttentionArgs.TREE + 1);
    }

    /** The same call as {@code xqa_attention_result}: the key under which equal calls share a result. */
    public final XqaAttentionResult asResult() {
        return this instanceof XqaAttentionResult r ? r : new XqaAttentionResult(children());
    }

    @Override
    public final TypeCheckResult checkInputDataTypes() {
        try {
            spec();
            return TypeCheckResult.TypeCheckSuccess$.MODULE$;
        } catch (IllegalArgumentException e) {
            return new TypeCheckResult.TypeCheckFailure(prettyName() + ": " + e.getMessage());
        }
    }

    @Override
    public final boolean nullable() {
        return true;
    }

    @Override
    public final boolean foldable() {
        return false;
    }

    /** Tells the optimizer not to copy this call (e.g. into a pushed-down filter). */
    @Override
    public final boolean expensive() {
        return true;
    }

    @Override
    public final Object eval(InternalRow input) {
        throw notBatched();
    }

    @Override
    public final ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
        throw notBatched();
    }

    private IllegalStateException notBatched() {
        return new IllegalStateException(
                prettyName() + " is evaluated only by the batched XqaAttention operator, which "
                        + "this plan does not contain: are the Spark XQA session extensions enabled (spark.plugins="
                        + "org.sparkxqa.spark.XqaPlugin or spark.sql.extensions=org.sparkxqa.spark.XqaSessionExtensions)?");
    }
}
