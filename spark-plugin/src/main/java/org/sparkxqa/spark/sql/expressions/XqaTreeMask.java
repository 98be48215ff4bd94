package org.sparkxqa.spark.sql.expressions;

import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.sparkxqa.core.DraftMask;
import scala.collection.immutable.Seq;

/**
 * {@code xqa_tree_mask(tree)} → BINARY: the packed XQA mask of a draft tree given as parents
 * (docs/DESIGN.md §1). NULL in, NULL out (a NULL tree is a chain whose length only q knows). A bad tree
 * fails the query with the reason.
 */
public final class XqaTreeMask extends RowFunction {
    public static final String NAME = "xqa_tree_mask";

    public XqaTreeMask(Seq<Expression> args) {
        super(args);
    }

    @Override
    List<AbstractDataType> argTypes() {
        return List.of(DataTypes.createArrayType(DataTypes.IntegerType));
    }

    @Override
    Object apply(Object data) {
        ArrayData parents = (ArrayData) data;
        for (int i = 0; i < parents.numElements(); i++) {
            if (parents.isNullAt(i)) {
                throw new IllegalArgumentException(NAME + ": tree[" + i + "] is NULL");
            }
        }
        return DraftMask.fromParents(parents.toIntArray()).toPacked();
    }

    @Override
    public DataType dataType() {
        return DataTypes.BinaryType;
    }

    @Override
    public String prettyName() {
        return NAME;
    }

    @Override
    protected Expression copyWith(Seq<Expression> newChildren) {
        return new XqaTreeMask(newChildren);
    }
}
