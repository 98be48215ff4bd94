package org.sparkxqa.spark.sql.columnar;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.types.DataType;

/**
 * Where the inputs of an attention call sit in the child's columnar batches: the ordinals of q, k, v,
 * the tree (-1: none, every row a chain) and the row id (-1: none). The columnar path applies only
 * when every input is a plain column of the child (or the tree a NULL literal); an input that is an
 * expression (e.g. {@code unhex(k_hex)}) keeps the row path. Immutable; shipped to tasks.
 */
public record ColumnarInputs(int q, int k, int v, int tree, DataType treeType, int id, DataType idType)
        implements Serializable {

    /**
     * The ordinals of {@code inputs} (q, k, v, tree, then optionally the row id) in {@code childOutput},
     * or empty when some input is not a plain child column.
     */
    public static Optional<ColumnarInputs> resolve(List<Expression> inputs, List<Attribute> childOutput) {
        int[] at = new int[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            Expression e = inputs.get(i);
            if (i == 3 && e instanceof Literal l && l.value() == null) {
                at[i] = -1;
                continue;
            }
            at[i] = e instanceof Attribute a ? indexOf(childOutput, a) : -1;
            if (at[i] < 0) {
                return Optional.empty();
            }
        }
        int id = inputs.size() > 4 ? at[4] : -1;
        return Optional.of(new ColumnarInputs(
                at[0],
                at[1],
                at[2],
                at[3],
                inputs.get(3).dataType(),
                id,
                id < 0 ? null : inputs.get(4).dataType()));
    }

    private static int indexOf(List<Attribute> attributes, Attribute a) {
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i).exprId().equals(a.exprId())) {
                return i;
            }
        }
        return -1;
    }
}
