package org.sparkxqa.spark.cache;

import java.sql.Date;
import java.sql.Timestamp;
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
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Random rows of every kind of column the cache stores, with NULLs, empty values and arrays, NULL
 * elements, large binaries (300 KB) and multi-byte text; {@code id} is the row's number.
 */
final class RandomRows {
    static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("i", DataTypes.IntegerType)
            .add("l", DataTypes.LongType)
            .add("s", DataTypes.StringType)
            .add("b", DataTypes.BinaryType)
            .add("tree", DataTypes.createArrayType(DataTypes.IntegerType))
            .add("sh", DataTypes.ShortType)
            .add("by", DataTypes.ByteType)
            .add("bo", DataTypes.BooleanType)
            .add("f", DataTypes.FloatType)
            .add("d", DataTypes.DoubleType)
            .add("dt", DataTypes.DateType)
            .add("ts", DataTypes.TimestampType)
            .add("strs", DataTypes.createArrayType(DataTypes.StringType))
            .add("nested", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.LongType)));

    private RandomRows() {}

    static List<Row> rows(int n, long seed) {
        Random rnd = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            rows.add(RowFactory.create(
                    (long) r,
                    maybe(rnd, rnd.nextInt()),
                    maybe(rnd, rnd.nextLong()),
                    maybe(rnd, text(rnd)),
                    maybe(rnd, bytes(rnd)),
                    maybe(rnd, seq(ints(rnd))),
                    maybe(rnd, (short) rnd.nextInt()),
                    maybe(rnd, (byte) rnd.nextInt()),
                    maybe(rnd, rnd.nextBoolean()),
                    maybe(rnd, rnd.nextFloat()),
                    maybe(rnd, rnd.nextGaussian()),
                    maybe(rnd, new Date(rnd.nextInt(20000) * 86_400_000L)),
                    maybe(rnd, new Timestamp(rnd.nextLong(4_000_000_000_000L))),
                    maybe(rnd, seq(texts(rnd))),
                    maybe(rnd, seq(nested(rnd)))));
        }
        return rows;
    }

    static Dataset<Row> table(SparkSession spark, int n, int partitions, long seed) {
        return spark.createDataFrame(
                JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows(n, seed), partitions), SCHEMA);
    }

    /** A Scala sequence (what a Row holds for an ARRAY), NULL elements kept. */
    private static <T> Seq<T> seq(List<T> items) {
        return CollectionConverters.asScala(items).toSeq();
    }

    private static <T> T maybe(Random rnd, T value) {
        return rnd.nextInt(8) == 0 ? null : value;
    }

    private static byte[] bytes(Random rnd) {
        int kind = rnd.nextInt(20);
        byte[] b = new byte[kind == 0 ? 0 : kind == 1 ? 300_000 : rnd.nextInt(200)];
        rnd.nextBytes(b);
        return b;
    }

    private static String text(Random rnd) {
        String[] parts = {"", "a", "héllo", "日本語", "x".repeat(70), "\u0000z"};
        return parts[rnd.nextInt(parts.length)] + (rnd.nextBoolean() ? "" : parts[rnd.nextInt(parts.length)]);
    }

    private static List<Integer> ints(Random rnd) {
        Integer[] a = new Integer[rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(9)];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextInt(10) == 0 ? null : rnd.nextInt(100) - 1;
        }
        return Arrays.asList(a);
    }

    private static List<String> texts(Random rnd) {
        List<String> a = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
            a.add(rnd.nextInt(6) == 0 ? null : text(rnd));
        }
        return a;
    }

    private static List<Seq<Long>> nested(Random rnd) {
        List<Seq<Long>> a = new ArrayList<>();
        for (int i = rnd.nextInt(3); i > 0; i--) {
            List<Long> inner = new ArrayList<>();
            for (int j = rnd.nextInt(4); j > 0; j--) {
                inner.add(rnd.nextInt(5) == 0 ? null : rnd.nextLong());
            }
            a.add(rnd.nextInt(5) == 0 ? null : seq(inner));
        }
        return a;
    }
}
