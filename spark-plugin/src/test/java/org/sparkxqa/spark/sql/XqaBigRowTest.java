package org.sparkxqa.spark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.spark.SparkTestSessions;

/**
 * One request of {@code Lk = 1,048,576} at D=256 bf16, Hkv=1 (k and v 512 MiB each) through the SQL row
 * path at {@code -Xmx8g}. Keys are 0 except the first (+2) and the last (-2); values are 0 except the
 * first (1) and the last (2); head 0's q is +1 and head 1's is -1, so head 0 must read the first key and
 * head 1 the last: out is 1 and 2 within bf16. Heavy (about 1 GiB of K/V): tagged bigrow, run with
 * {@code -Dxqa.test.groups=bigrow -Dxqa.test.excludedGroups= -Dxqa.test.jvmArgs=-Xmx8g}.
 */
@Tag("bigrow")
class XqaBigRowTest {
    static final int LK = AttentionSpec.MAX_KV_LEN;
    static final int D = 256;

    @Test
    void aRowOfAMillionKeysAtHeadDim256RunsInAnEightGigabyteHeap(TestReporter report) throws Exception {
        long max = requireAnEightGigabyteHeap();
        SparkSession spark = SparkTestSessions.start(SparkTestSessions.builder("XqaBigRowTest")
                .master("local[1]")
                .config("spark.sql.extensions", "org.sparkxqa.spark.XqaSessionExtensions"));
        long t0 = System.nanoTime();
        HeapPeak peak = new HeapPeak();
        try {
            List<Row> rows = spark.range(0, 1, 1, 1)
                    .mapPartitions(new BigRow(), Encoders.row(BigRow.SCHEMA))
                    .selectExpr("id", "xqa_attention_result(q, k, v, NULL, 'bf16', 2, 1, 256) AS r")
                    .selectExpr("id", "r.out", "r.xqa_error")
                    .collectAsList();
            assertTheTwoHeadsReadTheirKeys(rows);
        } finally {
            peak.close();
            SparkTestSessions.stop(spark);
        }
        String summary = "Lk=" + LK + " D=" + D + " bf16, k+v " + (2L * LK * D * 2 >> 20) + " MiB: heap max "
                + (max >> 20) + " MiB, peak used " + (peak.bytes() >> 20) + " MiB, "
                + (System.nanoTime() - t0) / 1_000_000
                + " ms";
        System.out.println("XqaBigRowTest: " + summary);
        report.publishEntry("bigrow", summary);
    }

    /** The heap's size; skips, saying why, unless it is 8 GiB (the claim is about {@code -Xmx8g}). */
    static long requireAnEightGigabyteHeap() {
        long max = Runtime.getRuntime().maxMemory();
        Assumptions.assumeTrue(
                max <= (8L << 30) + (256L << 20),
                () -> "SKIPPED: the heap is " + (max >> 20)
                        + " MiB; the claim is about -Xmx8g (-Dxqa.test.jvmArgs=-Xmx8g)");
        return max;
    }

    /** Row (id, out, xqa_error): head 0 read the first key (1), head 1 the last (2), within bf16. */
    static void assertTheTwoHeadsReadTheirKeys(List<Row> rows) {
        assertEquals(1, rows.size());
        assertNull(rows.get(0).get(2), "xqa_error");
        float[] out = ElementType.BF16.decodeAll((byte[]) rows.get(0).get(1));
        assertEquals(2 * D, out.length);
        for (int d = 0; d < D; d++) {
            assertEquals(1f, out[d], 1e-2, "head 0 reads the first key, dim " + d);
            assertEquals(2f, out[D + d], 2e-2, "head 1 reads the last key, dim " + d);
        }
    }

    /** Makes the one big row on the executor, so no 1 GiB task or driver-side table is shipped. */
    static final class BigRow implements MapPartitionsFunction<Long, Row> {
        static final StructType SCHEMA = new StructType()
                .add("id", DataTypes.LongType)
                .add("q", DataTypes.BinaryType)
                .add("k", DataTypes.BinaryType)
                .add("v", DataTypes.BinaryType);

        @Override
        public Iterator<Row> call(Iterator<Long> ids) {
            if (!ids.hasNext()) {
                return java.util.Collections.emptyIterator();
            }
            long id = ids.next();
            byte[] q = new byte[2 * D * 2];
            fill(q, 0, D, 0x3F80);
            fill(q, D, 2 * D, 0xBF80);
            byte[] k = new byte[LK * D * 2];
            fill(k, 0, D, 0x4000);
            fill(k, (LK - 1) * D, LK * D, 0xC000);
            byte[] v = new byte[LK * D * 2];
            fill(v, 0, D, 0x3F80);
            fill(v, (LK - 1) * D, LK * D, 0x4000);
            return List.of(RowFactory.create(id, q, k, v)).iterator();
        }

        private static void fill(byte[] a, int from, int to, int bf16) {
            for (int i = from; i < to; i++) {
                a[2 * i] = (byte) bf16;
                a[2 * i + 1] = (byte) (bf16 >>> 8);
            }
        }
    }
}
