package org.sparkxqa.core.gpu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.jit.KernelSourceLoader;
import org.sparkxqa.core.gpu.jit.KernelSources;
import org.sparkxqa.core.gpu.nvrtc.CompileOptions;
import org.sparkxqa.core.gpu.target.KernelVariant;
import org.sparkxqa.core.gpu.target.SmArch;

/** The real kernel sources as the JIT loads them, and the options a variant compiles with. */
class KernelSourceFilesTest {

    @Test
    void loadsTheMainSourceFirstAndEveryIncludedHeader() {
        KernelSources sources = KernelSourceLoader.kernel().orElseThrow();
        Map<String, String> src = sources.files();
        assertEquals("xqa_spec_dec.cu", sources.mainName());
        for (Map.Entry<String, String> s : src.entrySet()) {
            assertTrue(s.getValue().length() > 100, s.getKey());
            for (String line : s.getValue().split("\n")) {
                if (line.startsWith("#include")) {
                    String header = line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'));
                    assertTrue(src.containsKey(header), s.getKey() + " includes unlisted " + header);
                }
            }
            assertTrue(!s.getValue().contains("#include <"), s.getKey() + " includes a toolkit header");
        }
        String main = src.get(sources.mainName());
        assertTrue(main.contains(KernelEntry.ATTENTION + "("));
        assertTrue(main.contains(KernelEntry.MERGE + "("));
        assertTrue(main.contains(KernelEntry.DESCRIBE + "("));
    }

    @Test
    void optionsCarryTargetAndMacros() {
        KernelVariant v = new KernelVariant(ElementType.FP16, ElementType.BF16, 128, 4);
        List<String> opts = CompileOptions.of(KernelEntry.requireSupported(new SmArch(9, 0)), v.macros())
                .toList();
        assertTrue(
                opts.containsAll(List.of(
                        "-arch=sm_90a",
                        "-std=c++17",
                        "-DXQA_GROUP=4",
                        "-DXQA_HEAD_DIM=128",
                        "-DXQA_KV_TYPE=1",
                        "-DXQA_Q_TYPE=0")),
                opts.toString());
        assertFalse(opts.stream().anyMatch(o -> o.startsWith("-I")), "no toolkit include path: " + opts);
        assertThrows(IllegalArgumentException.class, () -> KernelEntry.requireSupported(new SmArch(7, 5)));
    }
}
