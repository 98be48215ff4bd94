package org.sparkxqa.core.gpu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's arguments and report rows (no GPU needed). */
class BenchReportTest {
  private static final BenchResult W2 = new BenchResult(1, Workload.STANDARD.get(1), 0.0564, 0.0560, 0.0213, 128,
      16, 2048, 2.8e12);

  @Test
  void defaultsWarmTheLaunchPathAndRunEveryWorkload() {
    BenchArgs a = BenchArgs.parse(new String[0]);
    assertEquals(50, a.iters());
    assertEquals(2000, a.warmup());
    assertEquals(Workload.STANDARD.size(), a.indexes().size());
    assertEquals(List.of(1, 4), BenchArgs.parse(new String[] {"--only", "1,4", "--warmup", "7"}).indexes());
    assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse(new String[] {"--only", "6"}));
    assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse(new String[] {"--warmup", "0"}));
  }

  @Test
  void tableRowCarriesTimesFloorShareAndHostCost() {
    String[] lines = BenchResult.table(List.of(W2), 2.977e12).split("\n");
    assertEquals(3, lines.length);
    assertEquals(lines[0].chars().filter(c -> c == '|').count(), lines[2].chars().filter(c -> c == '|').count());
    assertTrue(lines[0].endsWith("| host µs per launch |"), lines[0]);
    // 134217728 B / 2.977e12 B/s = 45.1 us floor; 45.1 / 56.4 = 80%
    assertTrue(lines[2].startsWith("| 1 | B=1 Hq/Hkv=64/8 Lq=8 Lk=32768 | 134 | 128 | 16 | 2048 | 56.4 | 2380 | 80% |"),
        lines[2]);
    assertTrue(lines[2].endsWith("| 21.3 |"), lines[2]);
  }

  @Test
  void jsonHasTheFieldsThePeersScriptReads() {
    String json = W2.json("d");
    assertTrue(json.contains("\"our_ms\": 0.056400"), json);
    assertTrue(json.contains("\"host_ms\": 0.021300"), json);
    assertTrue(json.contains("\"Lk\": 32768"), json);
  }
}
