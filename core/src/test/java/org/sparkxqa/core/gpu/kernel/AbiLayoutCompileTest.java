package org.sparkxqa.core.gpu.kernel;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.TestKernel;
import org.sparkxqa.core.gpu.jit.KernelSourceLoader;
import org.sparkxqa.core.gpu.nvrtc.CompileOptions;
import org.sparkxqa.core.gpu.nvrtc.KernelCompileException;
import org.sparkxqa.core.gpu.nvrtc.Nvrtc;
import org.sparkxqa.core.gpu.nvrtc.ProgramSource;
import org.sparkxqa.core.gpu.target.KernelVariant;
import org.sparkxqa.core.gpu.target.SmArch;

/**
 * The host's mirror of the kernel ABI ({@link AbiLayouts}, {@link KernelDescription}, {@link KernelGeometry})
 * compiled against the CUDA headers with real NVRTC ({@link AbiStaticAsserts}); no GPU needed. A field
 * moved, renamed, resized or computed differently on one side fails here, naming it.
 */
class AbiLayoutCompileTest {
    private Nvrtc nvrtc;

    /** Loads NVRTC before each test, outside its assertions, so a machine without it skips visibly. */
    @BeforeEach
    void loadNvrtc() {
        nvrtc = TestKernel.nvrtcOrSkip();
    }

    @ParameterizedTest(name = "{0}/{1} D{2} G{3} {4}")
    @CsvSource({
        "BF16, BF16, 128, 4, sm_90",
        "BF16, BF16, 128, 4, sm_80",
        "FP16, FP16, 64, 1, sm_90",
        "FP16, BF16, 256, 32, sm_80",
        "BF16, E4M3, 256, 8, sm_90",
        "FP16, E5M2, 64, 3, sm_80"
    })
    void hostMirrorMatchesTheHeaders(ElementType q, ElementType kv, int d, int g, String arch) {
        KernelVariant v = new KernelVariant(q, kv, d, g);
        assertDoesNotThrow(() -> compile(v, arch, KernelGeometry.of(v).expected(v, sm90(arch)), flags(arch)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"cta_rows, 64", "abi_version, 5", "describe_bytes, 84", "tensor_maps, 0"})
    void aDisagreementFailsNamingTheField(String field, int wrong) {
        KernelVariant v = new KernelVariant(ElementType.BF16, ElementType.BF16, 128, 4);
        Map<String, Integer> expected = KernelGeometry.of(v).expected(v, true);
        Map<String, Integer> flags = flags("sm_90");
        (expected.containsKey(field) ? expected : flags).put(field, wrong);
        KernelCompileException e =
                assertThrows(KernelCompileException.class, () -> compile(v, "sm_90", expected, flags));
        assertTrue(e.getMessage().contains("XqaDescribe." + field + " == " + wrong), e.getMessage());
    }

    @Test
    void aSwappedOrResizedTableFieldFailsNamingIt() {
        KernelVariant v = new KernelVariant(ElementType.BF16, ElementType.BF16, 128, 4);
        Map<String, Integer> expected = KernelGeometry.of(v).expected(v, true);
        StructLayout swapped = MemoryLayout.structLayout(
                        JAVA_INT.withName("request"),
                        JAVA_INT.withName("split"),
                        JAVA_INT.withName("row_base"),
                        JAVA_INT.withName("split_tokens"))
                .withName("XqaWork");
        KernelCompileException e = assertThrows(
                KernelCompileException.class, () -> compile(v, "sm_90", List.of(swapped), expected, flags("sm_90")));
        assertTrue(e.getMessage().contains("XqaWork.split as field 2"), e.getMessage());
        StructLayout wide = MemoryLayout.structLayout(
                        JAVA_LONG.withName("kv_off"),
                        JAVA_LONG.withName("scratch_off"),
                        JAVA_LONG.withName("q_off"),
                        JAVA_INT.withName("lq"),
                        JAVA_INT.withName("lk"))
                .withName("XqaRequest");
        e = assertThrows(
                KernelCompileException.class, () -> compile(v, "sm_90", List.of(wide), expected, flags("sm_90")));
        assertTrue(e.getMessage().contains("XqaRequest.q_off has 8 bytes"), e.getMessage());
    }

    private static boolean sm90(String arch) {
        return arch.equals("sm_90");
    }

    private static Map<String, Integer> flags(String arch) {
        Map<String, Integer> f = new LinkedHashMap<>();
        KernelGeometry.FLAGS.forEach(name -> f.put(name, sm90(arch) ? 1 : 0));
        return f;
    }

    private void compile(KernelVariant v, String arch, Map<String, Integer> expected, Map<String, Integer> flags) {
        compile(v, arch, List.of(AbiLayouts.all()), expected, flags);
    }

    private void compile(
            KernelVariant v,
            String arch,
            List<StructLayout> structs,
            Map<String, Integer> expected,
            Map<String, Integer> flags) {
        ProgramSource kernel = KernelSourceLoader.kernel().orElseThrow().program();
        ProgramSource check = new ProgramSource(
                AbiStaticAsserts.NAME, AbiStaticAsserts.source(structs, expected, flags), kernel.headers());
        nvrtc.compile(check, CompileOptions.of(SmArch.parse(arch), v.macros()));
    }
}
