package org.sparkxqa.spark.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.rapids.cudf.Cuda;
import ai.rapids.cudf.Rmm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.GpuBackend;
import org.sparkxqa.core.gpu.GpuOptions;
import org.sparkxqa.core.gpu.cuda.GpuProbe;
import org.sparkxqa.core.memory.InjectedFaults;
import org.sparkxqa.core.memory.LiveAllocations;
import org.sparkxqa.spark.config.InvalidRowPolicy;

/**
 * On a real GPU: a batch larger than the free device memory (a 96 MiB RMM pool, a 192 MiB batch)
 * runs out of memory for real, is split and finishes with the same bytes as each request alone; the
 * injected fault drives the real allocator the same way. Nothing stays allocated after close.
 */
@Tag("gpu")
class OomSplitGpuTest {
    private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 8, 2, 128);
    private static final long MIB = 1L << 20;
    private static final int ROWS = 12;
    private static final int LK = 16384;

    private static List<RequestInput> batch() {
        List<RequestInput> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(TestRequests.valid(SPEC, "id=" + i, 4, LK - i, 500 + i));
        }
        return rows;
    }

    private static void runAndCompare(GpuOptions options) {
        LiveAllocations.Snapshot before = LiveAllocations.snapshot();
        List<RequestInput> batch = batch();
        List<BatchStats> stats = new ArrayList<>();
        try (GpuBackend gpu = GpuBackend.open(options)) {
            List<RowResult> results = TestServices.evaluator(SPEC, gpu, InvalidRowPolicy.NULL, stats::add)
                    .evaluate(batch);
            assertTrue(stats.getFirst().oomSplits() >= 1 && stats.getFirst().oomRetries() >= 2, stats.toString());
            assertEquals(0, stats.getFirst().invalidRows(), stats.toString());
            for (int i = 0; i < ROWS; i++) {
                assertNull(results.get(i).error(), results.get(i).error());
                RowResult alone = TestServices.evaluator(SPEC, gpu, InvalidRowPolicy.FAIL, BatchListener.NONE)
                        .evaluate(List.of(batch.get(i)))
                        .getFirst();
                assertArrayEquals(alone.out(), results.get(i).out(), "row " + i + " equals its own launch");
            }
        }
        assertEquals(before, LiveAllocations.snapshot(), "closing the backend frees every arena");
    }

    private static void assumeGpuAndFreshRmm() {
        GpuProbe.Result probe = GpuProbe.probe();
        Assumptions.assumeTrue(probe.available(), () -> "SKIPPED: no usable GPU: " + probe.reason());
        Assumptions.assumeFalse(
                Rmm.isInitialized(), "SKIPPED: RMM is already set up in this JVM; the pool size is not ours");
    }

    @Test
    void aBatchLargerThanTheFreeDeviceMemorySplitsAndFinishes() {
        assumeGpuAndFreshRmm();
        Cuda.setDevice(0);
        double fraction = Math.min(0.95, (double) (96 * MIB) / Cuda.memGetInfo().free);
        runAndCompare(GpuOptions.defaults().withPoolFraction(fraction));
    }

    @Test
    void anInjectedFaultOnTheRealAllocatorSplitsTheSameWay() {
        assumeGpuAndFreshRmm();
        runAndCompare(GpuOptions.defaults()
                .withPoolFraction(0.2)
                .withAllocationGuard(InjectedFaults.parse("oom-above:" + 100 * MIB)));
    }
}
