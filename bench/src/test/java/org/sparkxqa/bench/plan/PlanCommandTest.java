package org.sparkxqa.bench.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.DraftMask;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.kernel.AbiLayouts;
import org.sparkxqa.core.gpu.kernel.KernelGeometry;
import org.sparkxqa.core.gpu.kernel.LaunchPlan;
import org.sparkxqa.core.gpu.kernel.RequestShape;

/** The batch file the cupy harness writes, planned by {@link LaunchPlan} and written by {@link PlanFiles}. */
class PlanCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheSamePlanAsLaunchPlanWithTablesInAbiLayoutOrder() throws Exception {
        PlanCommand.write(
                List.of(
                        "# Hq 32, Hkv 1, D 64",
                        "spec 0 0 32 1 64 0 0.125 1.0 1.0 0",
                        "request 4 9000 1 3 7 f",
                        "request 1 5000 1"),
                dir);
        AttentionSpec spec = AttentionSpec.of(ElementType.FP16, 32, 1, 64).withScale(0.125f);
        LaunchPlan p = LaunchPlan.ofShapes(
                spec,
                List.of(new RequestShape(4, 9000, DraftMask.chain(4)), new RequestShape(1, 5000, DraftMask.chain(1))));
        assertArrayEquals(p.requestTable(), Files.readAllBytes(dir.resolve("requests.bin")));
        assertArrayEquals(p.workTable(), Files.readAllBytes(dir.resolve("work.bin")));
        assertArrayEquals(p.mergeTable(), Files.readAllBytes(dir.resolve("merge.bin")));
        assertArrayEquals(p.maskTable(), Files.readAllBytes(dir.resolve("masks.bin")));
        MemorySegment req = MemorySegment.ofArray(p.requestTable());
        long second = AbiLayouts.REQUEST.byteSize();
        assertEquals(
                5000,
                req.get(
                        ValueLayout.JAVA_INT_UNALIGNED,
                        second + AbiLayouts.REQUEST.byteOffset(PathElement.groupElement("lk"))));
        assertEquals(
                9000,
                req.get(
                        ValueLayout.JAVA_LONG_UNALIGNED,
                        second + AbiLayouts.REQUEST.byteOffset(PathElement.groupElement("kv_off"))));
        assertEquals(
                3,
                req.get(
                        ValueLayout.JAVA_INT_UNALIGNED,
                        AbiLayouts.REQUEST.byteOffset(PathElement.groupElement("num_splits"))));
        String json = Files.readString(dir.resolve("plan.json"));
        for (String field : new String[] {
            "\"abi_version\": 6",
            "\"stages\": " + p.stages(),
            "\"attention_smem_bytes\": " + p.attentionSmemBytes(),
            "\"work_items\": " + p.workItems(),
            "\"scratch_rows\": " + p.scratchRows(),
            "\"box\": [64, 1, 64]",
            "\"swizzle_bytes\": 128"
        }) {
            assertTrue(json.contains(field), field + " in " + json);
        }
    }

    @Test
    void aForcedDepthChangesOnlyTheStagesAndSharedMemory() throws Exception {
        PlanCommand.write(List.of("spec 1 2 8 2 128 0 0.08 0.5 2.0 5", "request 2 300 1 3"), dir);
        String json = Files.readString(dir.resolve("plan.json"));
        KernelGeometry g = KernelGeometry.of(
                new org.sparkxqa.core.gpu.target.KernelVariant(ElementType.BF16, ElementType.E4M3, 128, 4));
        assertTrue(
                json.contains("\"stages\": 5") && json.contains("\"attention_smem_bytes\": " + g.smemBytes(8, 5)),
                json);
        assertTrue(json.contains("\"element_bytes\": 1") && json.contains("\"box\": [128, 1, 64]"), json);
        assertThrows(IllegalArgumentException.class, () -> PlanCommand.write(List.of("request 1 5 1"), dir));
        assertThrows(
                IllegalArgumentException.class,
                () -> PlanCommand.write(List.of("spec 0 0 8 2 64 0 0.1 1 1 9", "request 1 5 1"), dir));
    }
}
