package org.sparkxqa.core.gpu.nvrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.gpu.TestKernel;
import org.sparkxqa.core.gpu.target.SmArch;

/** ptxas warnings reach the caller through {@link CompileResult} with the fixed flags; no GPU needed. */
class PtxasWarningsTest {
    /** A kernel whose 64-float array lives in local memory (indexed at run time): -warn-lmem-usage says so. */
    private static final String LOCAL_ARRAY = """
      extern "C" __global__ void spill(float* o, int n) {
        float a[64];
        for (int i = 0; i < 64; i++) a[i] = o[i * n];
        float s = 0;
        for (int i = 0; i < 64; i++)
          for (int j = 0; j < 64; j++) s += a[i] * a[(i + j * n) & 63];
        o[threadIdx.x] = s;
      }
      """;

    @Test
    void aPtxasWarningIsInTheLogAndNamedAsAWarning() {
        CompileResult r = TestKernel.nvrtcOrSkip()
                .compileWithLog(
                        new ProgramSource("spill.cu", LOCAL_ARRAY, Map.of()),
                        CompileOptions.of(SmArch.SM_90, Map.of()));
        assertTrue(r.cubin().length > 0);
        assertTrue(
                r.warnings().stream().anyMatch(l -> l.startsWith("ptxas warning") && l.contains("'spill'")),
                "log: " + r.log());
    }

    @Test
    void theTestKernelCompilesWithoutWarnings() {
        CompileResult r = TestKernel.nvrtcOrSkip()
                .compileWithLog(
                        TestKernel.sources().program(),
                        CompileOptions.of(
                                SmArch.SM_80,
                                Map.of("XQA_Q_TYPE", 0, "XQA_KV_TYPE", 0, "XQA_HEAD_DIM", 64, "XQA_GROUP", 1)));
        assertEquals(List.of(), r.warnings(), r.log());
    }

    @Test
    void warningLinesArePickedFromALog() {
        String log =
                "ptxas info    : Used 126 registers\nptxas warning : (C7515) Potential Performance Loss: wgmma.mma_async "
                        + "instructions are serialized\nx.cu(3): Warning: unused\n";
        assertEquals(
                List.of(
                        "ptxas warning : (C7515) Potential Performance Loss: wgmma.mma_async instructions are "
                                + "serialized",
                        "x.cu(3): Warning: unused"),
                CompileResult.warnings(log));
    }
}
