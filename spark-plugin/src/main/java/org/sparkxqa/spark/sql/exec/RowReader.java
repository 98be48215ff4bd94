package org.sparkxqa.spark.sql.exec;

import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.InvalidRequestException;
import org.sparkxqa.core.Request;
import org.sparkxqa.spark.sql.Scala;

/**
 * Turns input rows into {@link PendingRow}s: evaluates the call's q, k, v, tree (and the row id) on
 * a row and validates the request. Owned by one task; not thread-safe.
 */
final class RowReader {
  private final AttentionSpec spec;
  private final UnsafeProjection project;
  private final DataType treeType;
  private final DataType idType;

  /** {@code inputs}: q, k, v, tree, then optionally the row id, all over {@code childOutput}. */
  RowReader(AttentionSpec spec, List<Expression> inputs, List<Attribute> childOutput) {
    this.spec = spec;
    this.project = UnsafeProjection.create(Scala.seq(inputs), Scala.seq(childOutput));
    this.treeType = inputs.get(3).dataType();
    this.idType = inputs.size() > 4 ? inputs.get(4).dataType() : null;
  }

  /** Reads {@code row}, which the caller has copied and hands over. */
  PendingRow read(InternalRow row) {
    InternalRow in = project.apply(row);
    byte[] q = in.isNullAt(0) ? null : in.getBinary(0);
    byte[] k = in.isNullAt(1) ? null : in.getBinary(1);
    byte[] v = in.isNullAt(2) ? null : in.getBinary(2);
    long bytes = length(q) + length(k) + length(v);
    try {
      int[] parents = null;
      byte[] packed = null;
      if (!in.isNullAt(3) && treeType instanceof ArrayType a) {
        parents = parents(in.getArray(3), a.elementType());
      } else if (!in.isNullAt(3)) {
        packed = in.getBinary(3);
      }
      return new PendingRow(row, Request.of(spec, q, k, v, parents, packed), null, bytes);
    } catch (InvalidRequestException e) {
      return new PendingRow(row, null, e.reason(), bytes);
    }
  }

  /** The row's id for messages, or null when the child has no {@code id} column. */
  String id(InternalRow row) {
    if (idType == null) {
      return null;
    }
    InternalRow in = project.apply(row);
    return in.isNullAt(4) ? "NULL" : String.valueOf(in.get(4, idType));
  }

  private static int[] parents(ArrayData array, DataType elementType) {
    int[] out = new int[array.numElements()];
    for (int i = 0; i < out.length; i++) {
      if (array.isNullAt(i)) {
        throw new InvalidRequestException("tree[" + i + "] is NULL");
      }
      long parent = ((Number) array.get(i, elementType)).longValue();
      if (parent != (int) parent) {
        throw new InvalidRequestException("tree[" + i + "] = " + parent + " is out of range");
      }
      out[i] = (int) parent;
    }
    return out;
  }

  private static long length(byte[] b) {
    return b == null ? 0 : b.length;
  }
}
