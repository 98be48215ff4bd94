package org.sparkxqa.bench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.ElementType;

/** The benchmark's arguments and report rows (no GPU needed). */
class BenchReportTest {
    private static final BenchResult W2 =
            new BenchResult(1, Workload.STANDARD.get(1), 0.0564, 0.0560, 0.0213, 128, 16, 2048, 2.8e12);

    @Test
    void defaultsWarmTheLaunchPathAndRunEveryWorkload() {
        BenchArgs a = BenchArgs.parse(new String[0]);
        assertEquals(50, a.iters());
        assertEquals(2000, a.warmup());
        assertEquals(2 * Workload.STANDARD.size(), a.indexes().size());
        assertEquals(
                List.of(1, 4),
                BenchArgs.parse(new String[] {"--only", "1,4", "--warmup", "7"}).indexes());
        assertEquals(List.of(7), BenchArgs.parse(new String[] {"--only", "7"}).indexes());
        assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse(new String[] {"--only", "12"}));
        assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse(new String[] {"--warmup", "0"}));
    }

    /** {@code --q-type fp16} turns every workload's q/out to fp16, keeps its K/V type, and refuses dumps. */
    @Test
    void qTypeAppliesToEveryWorkload() {
        BenchArgs bf16 = BenchArgs.parse(new String[0]);
        assertEquals(ElementType.BF16, bf16.workload(6).spec().qType());
        BenchArgs fp16 = BenchArgs.parse(new String[] {"--q-type", "fp16", "--only", "6"});
        Workload w = fp16.workload(6);
        assertEquals(ElementType.FP16, w.spec().qType());
        assertEquals(ElementType.E4M3, w.spec().kvType());
        assertTrue(w.label().endsWith("kv=e4m3 q=fp16"), w.label());
        assertTrue(w.id().endsWith("_e4m3_qfp16"), w.id());
        assertEquals(Workload.ALL.get(6).kvBytes(), w.kvBytes());
        assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse(new String[] {"--q-type", "e4m3"}));
        assertThrows(
                IllegalArgumentException.class,
                () -> BenchArgs.parse(new String[] {"--q-type", "fp16", "--dump-inputs", "/tmp/x"}));
    }

    @Test
    void tableRowCarriesTimesFloorShareAndHostCost() {
        String[] lines = BenchResult.table(List.of(W2), 2.977e12).split("\n");
        assertEquals(3, lines.length);
        assertEquals(
                lines[0].chars().filter(c -> c == '|').count(),
                lines[2].chars().filter(c -> c == '|').count());
        assertTrue(lines[0].endsWith("| host µs per launch |"), lines[0]);
        // 134217728 B / 2.977e12 B/s = 45.1 us floor; 45.1 / 56.4 = 80%
        assertTrue(
                lines[2].startsWith(
                        "| 1 | B=1 Hq/Hkv=64/8 Lq=8 Lk=32768 | 134 | 128 | 16 | 2048 | 56.4 | 2380 | 80% |"),
                lines[2]);
        assertTrue(lines[2].endsWith("| 21.3 |"), lines[2]);
    }

    @Test
    void fp8WorkloadsAreTheStandardShapesWithE4m3AndHalfTheBytes() {
        for (int n = 0; n < Workload.STANDARD.size(); n++) {
            Workload bf16 = Workload.ALL.get(n);
            Workload fp8 = Workload.ALL.get(n + Workload.STANDARD.size());
            assertEquals(ElementType.E4M3, fp8.kvType());
            assertEquals(bf16.kvBytes() / 2, fp8.kvBytes(), "the floor counts one byte per K/V element");
            assertEquals(bf16.label() + " kv=e4m3", fp8.label());
            assertEquals(bf16.id() + "_e4m3", fp8.id());
            assertEquals(ElementType.E4M3, fp8.spec().kvType());
            assertEquals(Workload.FP8_SCALE, fp8.spec().kScale());
        }
        String json = new BenchResult(7, Workload.ALL.get(7), 0.03, 0.03, 0.02, 128, 16, 2048, 2.8e12).json("d");
        assertTrue(json.contains("\"kv_dtype\": \"e4m3\"") && json.contains("\"kv_bytes\": 67108864"), json);
        assertTrue(json.contains("\"k_scale\": 0.01"), json);
    }

    @Test
    void jsonHasTheFieldsThePeersScriptReads() {
        String json = W2.json("d");
        assertTrue(json.contains("\"our_ms\": 0.056400"), json);
        assertTrue(json.contains("\"host_ms\": 0.021300"), json);
        assertTrue(json.contains("\"Lk\": 32768"), json);
    }
}
