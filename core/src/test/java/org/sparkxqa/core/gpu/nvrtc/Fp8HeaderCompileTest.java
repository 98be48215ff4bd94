package org.sparkxqa.core.gpu.nvrtc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.Fp8TestKernel;
import org.sparkxqa.core.gpu.TestKernel;
import org.sparkxqa.core.gpu.target.SmArch;

/**
 * {@code xqa_fp8.cuh} compiles with NVRTC (no toolkit headers) for every fp8 K/V type and q type, on
 * the oldest target (sm_80, no fp8 conversion instructions) and on sm_90a; no GPU needed.
 */
class Fp8HeaderCompileTest {
    private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};

    @ParameterizedTest(name = "kv {0}, q {1}, {2}")
    @CsvSource({
        "E4M3, FP16, sm_80",
        "E4M3, BF16, sm_80",
        "E5M2, FP16, sm_80",
        "E5M2, BF16, sm_80",
        "E4M3, FP16, sm_90",
        "E4M3, BF16, sm_90",
        "E5M2, FP16, sm_90",
        "E5M2, BF16, sm_90"
    })
    void compilesForEveryTypePair(ElementType kv, ElementType q, String arch) {
        byte[] cubin = TestKernel.nvrtcOrSkip()
                .compile(
                        Fp8TestKernel.sources().program(),
                        CompileOptions.of(
                                SmArch.parse(arch), Map.of("XQA_Q_TYPE", q.ordinal(), "XQA_KV_TYPE", kv.ordinal())));
        assertArrayEquals(ELF, Arrays.copyOf(cubin, 4), "a CUBIN is an ELF file");
    }
}
