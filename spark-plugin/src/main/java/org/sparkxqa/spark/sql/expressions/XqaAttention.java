package org.sparkxqa.spark.sql.expressions;

import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.types.BinaryType$;
import org.apache.spark.sql.types.DataType;
import scala.collection.immutable.Seq;

/**
 * {@code xqa_attention(q, k, v, tree, dtype, Hq, Hkv, D [, options])} → BINARY {@code out}, the
 * {@code [Lq, Hq, D]} attention output in the q type (docs/DESIGN.md §1, §3). NULL for an invalid row when
 * {@code spark.xqa.onInvalidRow=null}; the reason is then reached through {@link XqaAttentionResult}.
 */
public final class XqaAttention extends AttentionCall {
    public static final String NAME = "xqa_attention";

    public XqaAttention(Seq<Expression> args) {
        super(args);
    }

    @Override
    public DataType dataType() {
        return BinaryType$.MODULE$;
    }

    @Override
    public String prettyName() {
        return NAME;
    }

    @Override
    protected Expression copyWith(Seq<Expression> newChildren) {
        return new XqaAttention(newChildren);
    }
}
