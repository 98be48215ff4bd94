package org.sparkxqa.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.cpu.CpuBackend;
import org.sparkxqa.spark.sql.Scala;

/** Small random decoding requests as table rows ({@code id, q, k, v, tree}), with their expected outputs. */
public final class TestRequests {
    public static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("q", DataTypes.BinaryType, true)
            .add("k", DataTypes.BinaryType, true)
            .add("v", DataTypes.BinaryType, true)
            .add("tree", DataTypes.createArrayType(DataTypes.IntegerType), true);

    /** One request: {@code tree} null means a chain. */
    public record Req(long id, byte[] q, byte[] k, byte[] v, int[] tree) {
        public Row row() {
            return RowFactory.create(
                    id,
                    q,
                    k,
                    v,
                    tree == null ? null : Scala.seq(Arrays.stream(tree).boxed().toList()));
        }

        /** The CPU backend's output for this request alone. */
        public byte[] cpuOut(AttentionSpec spec) {
            try (CpuBackend cpu = new CpuBackend(1)) {
                return cpu.attend(spec, List.of(Request.of(spec, q, k, v, tree, null)))
                        .get(0);
            }
        }
    }

    private TestRequests() {}

    /** {@code n} requests with ids {@code 0..n-1}; Lq in 1..4, Lk in Lq..Lq+36, trees mixed with chains. */
    public static List<Req> random(AttentionSpec spec, int n, long seed) {
        Random rnd = new Random(seed);
        List<Req> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int lq = 1 + rnd.nextInt(4);
            out.add(of(spec, i, lq, lq + rnd.nextInt(37), rnd.nextBoolean() ? randomTree(lq, rnd) : null, rnd));
        }
        return out;
    }

    /** {@code reqs} as a row-based table of {@link #SCHEMA} in {@code partitions} partitions. */
    public static Dataset<Row> table(SparkSession spark, List<Req> reqs, int partitions) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(jsc.parallelize(reqs.stream().map(Req::row).toList(), partitions), SCHEMA);
    }

    /** A request with the given lengths and tree. */
    public static Req of(AttentionSpec spec, long id, int lq, int lk, int[] tree, Random rnd) {
        return new Req(
                id,
                values(spec.qType(), lq * spec.qHeads() * spec.headDim(), rnd),
                values(spec.kvType(), lk * spec.kvHeads() * spec.headDim(), rnd),
                values(spec.kvType(), lk * spec.kvHeads() * spec.headDim(), rnd),
                tree);
    }

    static int[] randomTree(int lq, Random rnd) {
        int[] parents = new int[lq];
        for (int t = 0; t < lq; t++) {
            parents[t] = rnd.nextInt(t + 1) - 1;
        }
        return parents;
    }

    private static byte[] values(ElementType type, int count, Random rnd) {
        float[] f = new float[count];
        for (int i = 0; i < count; i++) {
            f[i] = rnd.nextFloat() * 2 - 1;
        }
        return type.encodeAll(f);
    }
}
