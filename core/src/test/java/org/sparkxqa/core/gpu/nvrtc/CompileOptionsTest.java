package org.sparkxqa.core.gpu.nvrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.target.KernelVariant;
import org.sparkxqa.core.gpu.target.SmArch;

class CompileOptionsTest {
    @Test
    void builtFromTheVariantsNumbersInAStableOrder() {
        KernelVariant v = new KernelVariant(ElementType.BF16, ElementType.FP16, 128, 4);
        List<String> opts = CompileOptions.of(SmArch.SM_90, v.macros()).toList();
        assertEquals(
                List.of(
                        "-std=c++17",
                        "-default-device",
                        "-Xptxas=-warn-spills",
                        "-Xptxas=-warn-lmem-usage",
                        "-arch=sm_90a",
                        "-DXQA_GROUP=4",
                        "-DXQA_HEAD_DIM=128",
                        "-DXQA_KV_TYPE=0",
                        "-DXQA_Q_TYPE=1"),
                opts);
    }

    @Test
    void targetIsTheArchitecturesCompileTarget() {
        assertTrue(CompileOptions.of(SmArch.SM_90, Map.of()).toList().contains("-arch=sm_90a"));
        assertFalse(CompileOptions.of(SmArch.SM_90, Map.of()).toList().contains("-arch=sm_90"));
        assertTrue(CompileOptions.of(SmArch.SM_80, Map.of()).toList().contains("-arch=sm_80"));
        assertTrue(CompileOptions.of(new SmArch(8, 9), Map.of()).toList().contains("-arch=sm_89"));
    }

    @Test
    void macroNamesMustBeUpperCaseIdentifiers() {
        for (String bad : new String[] {"x", "A B", "A=1 -I/tmp", "-DA", "", "A\n"}) {
            assertThrows(IllegalArgumentException.class, () -> CompileOptions.of(SmArch.SM_80, Map.of(bad, 1)), bad);
        }
    }
}
