package org.sparkxqa.spark.sql.expressions;

import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.immutable.Seq;

/**
 * {@code xqa_to_floats(bin, 'bf16')} → ARRAY&lt;FLOAT&gt;: decodes little-endian fp16/bf16 bytes. An odd
 * byte length fails the query.
 */
public final class XqaToFloats extends RowFunction {
    public static final String NAME = "xqa_to_floats";

    public XqaToFloats(Seq<Expression> args) {
        super(args);
    }

    @Override
    List<AbstractDataType> argTypes() {
        return List.of(DataTypes.BinaryType, DataTypes.StringType);
    }

    @Override
    Object apply(Object data) {
        return UnsafeArrayData.fromPrimitiveArray(elementType().decodeAll((byte[]) data));
    }

    @Override
    public DataType dataType() {
        return DataTypes.createArrayType(DataTypes.FloatType, false);
    }

    @Override
    public String prettyName() {
        return NAME;
    }

    @Override
    protected Expression copyWith(Seq<Expression> newChildren) {
        return new XqaToFloats(newChildren);
    }
}
