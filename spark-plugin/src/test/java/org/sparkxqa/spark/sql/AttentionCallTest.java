package org.sparkxqa.spark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.NamedExpression$;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.spark.sql.expressions.XqaAttention;
import org.sparkxqa.spark.sql.expressions.XqaAttentionResult;

/** The attention call expression on its own, without Spark running. */
class AttentionCallTest {
    private static final AttributeReference Q = attr("q");
    private static final AttributeReference K = attr("k");
    private static final AttributeReference V = attr("v");

    private static AttributeReference attr(String name) {
        return new AttributeReference(
                name, DataTypes.BinaryType, true, Metadata.empty(), NamedExpression$.MODULE$.newExprId(), Scala.seq());
    }

    private static List<Expression> args(Object... constants) {
        List<Expression> args = new ArrayList<>(List.of(Q, K, V, Literal.create(null, DataTypes.NullType)));
        for (Object c : constants) {
            args.add(Literal.create(c, c instanceof String ? DataTypes.StringType : DataTypes.IntegerType));
        }
        return args;
    }

    @Test
    void neverEvaluatesOneRowAtATime() {
        XqaAttention call = new XqaAttention(Scala.seq(args("bf16", 32, 8, 128)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> call.eval(null));
        assertTrue(e.getMessage().contains("evaluated only by the batched XqaAttention operator"), e.getMessage());
        assertTrue(call.expensive() && !call.foldable());
    }

    @Test
    void constantsBecomeTheSpec() {
        XqaAttention call = new XqaAttention(Scala.seq(args("fp16", 32, 8, 128)));
        assertTrue(call.checkInputDataTypes().isSuccess());
        assertEquals(AttentionSpec.of(ElementType.FP16, 32, 8, 128), call.spec());
        assertTrue(new XqaAttention(Scala.seq(args("fp16", 32, 8, 100)))
                .checkInputDataTypes()
                .isFailure());
    }

    @Test
    void sameArgumentsShareOneResultKey() {
        XqaAttention a = new XqaAttention(Scala.seq(args("bf16", 4, 2, 64)));
        XqaAttentionResult r = new XqaAttentionResult(Scala.seq(args("bf16", 4, 2, 64)));
        assertNotEquals(a, r);
        assertEquals(a.asResult(), new XqaAttentionResult(a.children()));
        assertEquals(a.asResult().canonicalized(), r.canonicalized());
    }
}
