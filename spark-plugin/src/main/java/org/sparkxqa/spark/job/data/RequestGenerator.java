package org.sparkxqa.spark.job.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.job.error.UserInputException;

/**
 * Synthetic requests in the canonical schema: {@code Lq} in {@code 1..maxQLen}, {@code Lk} in
 * {@code Lq..max(Lq, maxKvLen)}, a third of the trees NULL (chains) and the rest random trees;
 * q/k/v standard normal real values (k and v stored divided by the spec's K/V scales, see
 * {@link #kvAmax} for choosing them). Each row is a pure function of {@code (seed, id)}, so any
 * partitioning gives the same table. Distributed: {@code spark.range} + {@code mapPartitions}. Immutable,
 * so one instance may be shared between threads and is shipped to the executors as is.
 */
public final class RequestGenerator implements Serializable {
    /** {@code id BIGINT, q/k/v BINARY, tree ARRAY<INT>} (tree nullable). */
    static final StructType SCHEMA = new StructType()
            .add(RequestColumns.ID, DataTypes.LongType, false)
            .add(RequestColumns.Q, DataTypes.BinaryType, false)
            .add(RequestColumns.K, DataTypes.BinaryType, false)
            .add(RequestColumns.V, DataTypes.BinaryType, false)
            .add(RequestColumns.TREE, DataTypes.createArrayType(DataTypes.IntegerType, false), true);

    private final AttentionSpec spec;
    private final int maxQLen;
    private final int maxKvLen;
    private final long seed;

    /**
     * @throws UserInputException when {@code maxQLen} is outside 1..64 or {@code maxKvLen} outside 1..2^20
     */
    public RequestGenerator(AttentionSpec spec, int maxQLen, int maxKvLen, long seed) {
        if (maxQLen < 1 || maxQLen > AttentionSpec.MAX_Q_LEN) {
            throw new UserInputException("--max-q-len must be in 1.." + AttentionSpec.MAX_Q_LEN + ", got " + maxQLen);
        }
        if (maxKvLen < 1 || maxKvLen > AttentionSpec.MAX_KV_LEN) {
            throw new UserInputException(
                    "--max-kv-len must be in 1.." + AttentionSpec.MAX_KV_LEN + ", got " + maxKvLen);
        }
        this.spec = spec;
        this.maxQLen = maxQLen;
        this.maxKvLen = maxKvLen;
        this.seed = seed;
    }

    /** {@code rows} requests with ids {@code 0..rows-1} over {@code partitions} partitions. */
    public Dataset<Row> generate(SparkSession spark, long rows, int partitions) {
        MapPartitionsFunction<Long, Row> make = ids -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ids.hasNext();
            }

            @Override
            public Row next() {
                return row(ids.next());
            }
        };
        return spark.range(0, rows, 1, partitions).mapPartitions(make, Encoders.row(SCHEMA));
    }

    /** The request with this id; k and v are stored as their real values divided by the spec's K/V scales. */
    Row row(long id) {
        Values r = values(id);
        byte[] q = spec.qType().encodeAll(r.q());
        byte[] k = spec.kvType().encodeAll(divided(r.k(), spec.kScale()));
        byte[] v = spec.kvType().encodeAll(divided(r.v(), spec.vScale()));
        return RowFactory.create(
                id,
                q,
                k,
                v,
                r.parents() == null ? null : Arrays.stream(r.parents()).boxed().toArray(Integer[]::new));
    }

    /** The largest magnitudes of the real k and v values over rows {@code 0..rows-1}: {@code {amax(k), amax(v)}}. */
    public float[] kvAmax(SparkSession spark, long rows, int partitions) {
        MapPartitionsFunction<Long, float[]> amax = ids -> {
            float[] m = new float[2];
            while (ids.hasNext()) {
                Values r = values(ids.next());
                m[0] = Math.max(m[0], amax(r.k()));
                m[1] = Math.max(m[1], amax(r.v()));
            }
            return java.util.List.of(m).iterator();
        };
        float[] all = new float[2];
        for (float[] m : spark.range(0, rows, 1, partitions)
                .mapPartitions(amax, Encoders.kryo(float[].class))
                .collectAsList()) {
            all[0] = Math.max(all[0], m[0]);
            all[1] = Math.max(all[1], m[1]);
        }
        return all;
    }

    /** The real (unquantised) values of one request. */
    private record Values(int[] parents, float[] q, float[] k, float[] v) {}

    private Values values(long id) {
        SplittableRandom random = new SplittableRandom(mix(seed) ^ mix(id + 0x9E3779B97F4A7C15L));
        int lq = 1 + random.nextInt(maxQLen);
        int lk = lq + random.nextInt(Math.max(1, maxKvLen - lq + 1));
        int[] parents = random.nextInt(3) == 0 ? null : tree(random, lq);
        float[] q = normal(random, lq * spec.qHeads() * spec.headDim());
        float[] k = normal(random, lk * spec.kvHeads() * spec.headDim());
        float[] v = normal(random, lk * spec.kvHeads() * spec.headDim());
        return new Values(parents, q, k, v);
    }

    private static int[] tree(SplittableRandom random, int lq) {
        int[] parents = new int[lq];
        for (int t = 0; t < lq; t++) {
            parents[t] = t == 0 ? -1 : random.nextInt(-1, t);
        }
        return parents;
    }

    private static float[] normal(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static float[] divided(float[] values, float scale) {
        if (scale == 1f) {
            return values;
        }
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] / scale;
        }
        return out;
    }

    private static float amax(float[] values) {
        float m = 0;
        for (float x : values) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb33fa4bd91e2L;
        return z ^ (z >>> 33);
    }
}
