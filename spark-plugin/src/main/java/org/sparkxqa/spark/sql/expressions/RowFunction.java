package org.sparkxqa.spark.sql.expressions;

import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ImplicitCastInputTypes;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenFallback;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.types.AbstractDataType;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.spark.sql.Scala;
import scala.collection.immutable.Seq;

/**
 * Base of the cheap per-row helpers ({@code xqa_tree_mask}, {@code xqa_to_floats},
 * {@code xqa_from_floats}): the first argument is the data (NULL in, NULL out), the optional second a
 * constant element type name. Spark casts arguments to {@link #argTypes} where it can. Interpreted
 * (no generated code). Immutable; thread-safe.
 */
abstract class RowFunction extends XqaExpression implements ImplicitCastInputTypes, CodegenFallback {

    RowFunction(Seq<Expression> args) {
        super(args);
    }

    /** The expected argument types. */
    abstract List<AbstractDataType> argTypes();

    /** The result for a non-null first argument. */
    abstract Object apply(Object data);

    @Override
    public final Seq<AbstractDataType> inputTypes() {
        return Scala.seq(argTypes());
    }

    /** The constant element type of argument 2. */
    final ElementType elementType() {
        Object name = constant(args().get(1));
        if (name == null) {
            throw new IllegalArgumentException("the element type (argument 2) must be a constant such as 'bf16', not "
                    + args().get(1).sql());
        }
        return ElementType.parse(name.toString());
    }

    @Override
    public final TypeCheckResult checkInputDataTypes() {
        if (args().size() != argTypes().size()) {
            return new TypeCheckResult.TypeCheckFailure(
                    prettyName() + " takes " + argTypes().size() + " arguments");
        }
        TypeCheckResult types = ImplicitCastInputTypes.super.checkInputDataTypes();
        if (types.isFailure() || args().size() < 2) {
            return types;
        }
        try {
            elementType();
            return types;
        } catch (IllegalArgumentException e) {
            return new TypeCheckResult.TypeCheckFailure(prettyName() + ": " + e.getMessage());
        }
    }

    @Override
    public final boolean nullable() {
        return true;
    }

    @Override
    public final Object eval(InternalRow input) {
        Object data = args().get(0).eval(input);
        return data == null ? null : apply(data);
    }

    @Override
    public final ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
        return CodegenFallback.super.doGenCode(ctx, ev);
    }
}
