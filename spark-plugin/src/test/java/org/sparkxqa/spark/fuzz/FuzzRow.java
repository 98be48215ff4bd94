package org.sparkxqa.spark.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One generated table row: a valid small request, or one broken by a {@link Corruption}, with the reason
 * the policy must give. {@code tag} is a pass-through column that must come back unchanged.
 *
 * @param id the row id (null: a NULL id)
 * @param q query bytes or null
 * @param k key bytes or null
 * @param v value bytes or null
 * @param tree parents (entries may be null) or null for a chain
 * @param tag pass-through text
 * @param expectedError the reason fragment the policy must give, or null for a valid row
 */
record FuzzRow(Long id, byte[] q, byte[] k, byte[] v, List<Integer> tree, String tag, String expectedError) {
    static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType, true)
            .add("q", DataTypes.BinaryType, true)
            .add("k", DataTypes.BinaryType, true)
            .add("v", DataTypes.BinaryType, true)
            .add("tree", DataTypes.createArrayType(DataTypes.IntegerType, true), true)
            .add("tag", DataTypes.StringType, true);

    /** A valid request: Lq 1..6, Lk Lq..Lq+30, a chain or a random tree, N(0, 1) real values. */
    static FuzzRow valid(AttentionSpec spec, Long id, Random r) {
        int lq = 1 + r.nextInt(6);
        int lk = lq + r.nextInt(31);
        List<Integer> tree = null;
        if (r.nextBoolean()) {
            tree = new ArrayList<>();
            for (int t = 0; t < lq; t++) {
                tree.add(r.nextInt(t + 1) - 1);
            }
        }
        return new FuzzRow(
                id,
                values(spec.qType(), lq * spec.qTokenBytes() / spec.qType().bytes(), 1f, r),
                values(spec.kvType(), lk * spec.kvHeads() * spec.headDim(), spec.kScale(), r),
                values(spec.kvType(), lk * spec.kvHeads() * spec.headDim(), spec.vScale(), r),
                tree,
                "tag-" + id,
                null);
    }

    /** This row with other data and the reason it is now invalid. */
    FuzzRow broken(byte[] newQ, byte[] newK, byte[] newV, List<Integer> newTree, String reason) {
        return new FuzzRow(id, newQ, newK, newV, newTree, tag, reason);
    }

    /** The request of a valid row. */
    Request request(AttentionSpec spec) {
        int[] parents =
                tree == null ? null : tree.stream().mapToInt(Integer::intValue).toArray();
        return Request.of(spec, q, k, v, parents, null);
    }

    Row row() {
        return RowFactory.create(
                id,
                q,
                k,
                v,
                tree == null
                        ? null
                        : CollectionConverters.asScala(new ArrayList<>(tree)).toSeq(),
                tag);
    }

    @Override
    public String toString() {
        return "id=" + id + " q=" + len(q) + "B k=" + len(k) + "B v=" + len(v) + "B tree="
                + (tree == null ? "NULL" : tree.size() > 20 ? tree.size() + " entries" : tree)
                + (expectedError == null ? " valid" : " expect '" + expectedError + "'");
    }

    private static String len(byte[] a) {
        return a == null ? "NULL" : String.valueOf(a.length);
    }

    private static byte[] values(ElementType type, int count, float scale, Random r) {
        float[] f = new float[count];
        for (int i = 0; i < count; i++) {
            f[i] = (float) (r.nextGaussian() / scale);
        }
        return type.encodeAll(f);
    }
}
