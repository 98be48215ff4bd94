package org.sparkxqa.spark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.spark.ReferenceAttention;
import org.sparkxqa.spark.SparkTestSessions;
import org.sparkxqa.spark.TestRequests;
import org.sparkxqa.spark.TestRequests.Req;

/** {@code xqa_attention} in SQL, with the extensions enabled alone (spark.sql.extensions, no plugin). */
class XqaSqlFunctionTest {
  private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 4, 2, 64);
  private static SparkSession spark;
  private static List<Req> reqs;

  @BeforeAll
  static void start() {
    spark = SparkTestSessions.builder("XqaSqlFunctionTest")
        .config("spark.sql.extensions", "org.sparkxqa.spark.XqaSessionExtensions").getOrCreate();
    reqs = TestRequests.random(SPEC, 12, 42);
    spark.createDataFrame(reqs.stream().map(Req::row).toList(), TestRequests.SCHEMA).createOrReplaceTempView("t");
  }

  @AfterAll
  static void stop() {
    SparkTestSessions.stop(spark);
  }

  @Test
  void sqlMatchesCpuBackendBitForBitAndTheFloat64Reference() {
    List<Row> rows = spark.sql("SELECT id, xqa_attention(q, k, v, tree, 'bf16', 4, 2, 64) AS out FROM t ORDER BY id")
        .collectAsList();
    assertEquals(reqs.size(), rows.size());
    for (Row r : rows) {
      Req req = reqs.get((int) r.getLong(0));
      byte[] out = (byte[]) r.get(1);
      assertArrayEquals(req.cpuOut(SPEC), out, "row " + req.id());
      double[] ref = ReferenceAttention.attend(SPEC, SPEC.qType().decodeAll(req.q()), SPEC.kvType().decodeAll(req.k()),
          SPEC.kvType().decodeAll(req.v()), req.tree());
      float[] got = SPEC.qType().decodeAll(out);
      for (int i = 0; i < ref.length; i++) {
        assertEquals(ref[i], got[i], 1e-2 + 1e-2 * Math.abs(ref[i]), "row " + req.id() + " element " + i);
      }
    }
  }

  @Test
  void explainShowsTheBatchedOperator() {
    Dataset<Row> df = spark.sql("SELECT id, xqa_attention(q, k, v, tree, 'bf16', 4, 2, 64) AS out FROM t");
    String plan = df.queryExecution().executedPlan().toString();
    assertTrue(plan.contains("XqaAttention [xqa_result#") && plan.contains("bf16 Hq=4 Hkv=2 D=64, maxRows=256"), plan);
  }
}
