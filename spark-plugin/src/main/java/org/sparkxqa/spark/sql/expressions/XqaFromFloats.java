package org.sparkxqa.spark.sql.expressions;

import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.immutable.Seq;

/**
 * {@code xqa_from_floats(arr, 'bf16')} → BINARY: encodes floats (any numeric array is cast to
 * ARRAY&lt;FLOAT&gt;) as little-endian fp16/bf16, rounding to nearest even. A NULL element fails the query.
 */
public final class XqaFromFloats extends RowFunction {
    public static final String NAME = "xqa_from_floats";

    public XqaFromFloats(Seq<Expression> args) {
        super(args);
    }

    @Override
    List<AbstractDataType> argTypes() {
        return List.of(DataTypes.createArrayType(DataTypes.FloatType), DataTypes.StringType);
    }

    @Override
    Object apply(Object data) {
        ArrayData values = (ArrayData) data;
        for (int i = 0; i < values.numElements(); i++) {
            if (values.isNullAt(i)) {
                throw new IllegalArgumentException(NAME + ": element " + i + " is NULL");
            }
        }
        return elementType().encodeAll(values.toFloatArray());
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
        return new XqaFromFloats(newChildren);
    }
}
