package org.sparkxqa.spark.sql.expressions;

import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.immutable.Seq;

/**
 * {@code xqa_attention_result(q, k, v, tree, dtype, Hq, Hkv, D [, options])} →
 * {@code STRUCT<out: BINARY, xqa_error: STRING>}: the same computation as {@link XqaAttention} plus
 * the reason a row is invalid. With {@code spark.xqa.onInvalidRow=null} an invalid row gives
 * {@code out = NULL} and {@code xqa_error} set; valid rows have {@code xqa_error = NULL}. With
 * {@code =fail} (the default) an invalid row fails the task, so {@code xqa_error} is always NULL.
 * SQL: {@code SELECT id, r.out, r.xqa_error FROM (SELECT id, xqa_attention_result(...) AS r FROM t)}.
 */
public final class XqaAttentionResult extends AttentionCall {
    public static final String NAME = "xqa_attention_result";
    /** The struct's type; field 0 is {@code out}, field 1 {@code xqa_error}. */
    public static final StructType TYPE =
            new StructType().add("out", DataTypes.BinaryType, true).add("xqa_error", DataTypes.StringType, true);

    public XqaAttentionResult(Seq<Expression> args) {
        super(args);
    }

    @Override
    public DataType dataType() {
        return TYPE;
    }

    @Override
    public String prettyName() {
        return NAME;
    }

    @Override
    protected Expression copyWith(Seq<Expression> newChildren) {
        return new XqaAttentionResult(newChildren);
    }
}
