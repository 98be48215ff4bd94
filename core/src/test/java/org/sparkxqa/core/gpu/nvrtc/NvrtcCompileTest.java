package org.sparkxqa.core.gpu.nvrtc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.TestKernel;
import org.sparkxqa.core.gpu.target.KernelVariant;
import org.sparkxqa.core.gpu.target.SmArch;

/** Real NVRTC (found through XQA_NVRTC_PATH or the standard places); skipped visibly when there is none. */
class NvrtcCompileTest {
    private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};
    private static final KernelVariant VARIANT = new KernelVariant(ElementType.BF16, ElementType.BF16, 128, 4);
    private static Nvrtc nvrtc;

    @BeforeAll
    static void load() {
        nvrtc = TestKernel.nvrtcOrSkip();
    }

    @Test
    void reportsVersionAndArchitectures() {
        assertTrue(nvrtc.version().major() >= 12, nvrtc.description());
        assertTrue(
                nvrtc.supportedArchs().containsAll(java.util.List.of(SmArch.SM_80, SmArch.SM_90)),
                nvrtc.supportedArchs().toString());
        assertTrue(
                nvrtc.description().contains("builtins /"),
                "builtins preloaded from libnvrtc's folder: " + nvrtc.description());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sm_80", "sm_90"})
    void compilesTheTestKernelToACubin(String arch) {
        byte[] cubin =
                nvrtc.compile(TestKernel.sources().program(), CompileOptions.of(SmArch.parse(arch), VARIANT.macros()));
        assertArrayEquals(ELF, Arrays.copyOf(cubin, 4), "a CUBIN is an ELF file");
        assertTrue(cubin.length > 1000 && cubin.length < 1_000_000, "size " + cubin.length);
    }

    @Test
    void compileErrorsCarryOptionsLogAndNumberedSource() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(
                "broken.cuh",
                "#pragma once\n__device__ int ok() { return 1; }\n__device__ int bad() { return undefined_name; }\n");
        ProgramSource src = new ProgramSource(
                "main.cu",
                "#include \"broken.cuh\"\nextern \"C\" __global__ void k(int* p) {\n  *p = ok() + bad();\n}\n",
                headers);
        KernelCompileException e = assertThrows(
                KernelCompileException.class,
                () -> nvrtc.compile(src, CompileOptions.of(SmArch.SM_90, VARIANT.macros())));
        assertTrue(e.log().contains("undefined_name"), e.log());
        assertTrue(
                e.options().contains("-arch=sm_90a") && e.options().contains("-DXQA_HEAD_DIM=128"),
                e.options().toString());
        assertTrue(e.numberedSource().contains("---- broken.cuh ----"), e.numberedSource());
        assertTrue(
                e.numberedSource().contains("> 3 | __device__ int bad() { return undefined_name; }"),
                e.numberedSource());
        assertTrue(e.numberedSource().contains("  1 | #pragma once"), e.numberedSource());
        assertEquals("nvrtcCompileProgram", e.function());
        assertTrue(e.getMessage().contains("undefined_name") && e.getMessage().contains("> 3 |"), e.getMessage());
        assertTrue(e.getMessage().startsWith("NVRTC could not compile main.cu for sm_90a\n"), e.getMessage());
    }

    @Test
    void deeplyNestedCodeCompilesEvenFromASmallStackThread() throws Exception {
        StringBuilder e = new StringBuilder("x");
        for (int i = 0; i < 10_000; i++) {
            e.insert(0, '(').append(i % 2 == 0 ? " + 1)" : " * 3)");
        }
        ProgramSource src = new ProgramSource(
                "deep.cu",
                "extern \"C\" __global__ void k(int* p) { int x = p[threadIdx.x]; p[threadIdx.x] = " + e + "; }\n",
                Map.of());
        byte[][] cubin = new byte[1][];
        Throwable[] failure = new Throwable[1];
        Thread small = new Thread(
                null,
                () -> {
                    try {
                        cubin[0] = nvrtc.compile(src, CompileOptions.of(SmArch.SM_90, Map.of()));
                    } catch (Throwable t) {
                        failure[0] = t;
                    }
                },
                "small-stack",
                512 * 1024);
        small.start();
        small.join();
        assertEquals(null, failure[0]);
        assertArrayEquals(
                ELF,
                Arrays.copyOf(cubin[0], 4),
                "NVRTC needs >16 MiB of stack here; on this thread "
                        + "without the compiler thread the JVM would have died with SIGSEGV");
    }

    @Test
    void anUnsupportedArchitectureIsAClearError() {
        SmArch old = new SmArch(5, 0);
        NvrtcException e = assertThrows(
                NvrtcException.class,
                () -> nvrtc.compile(TestKernel.sources().program(), CompileOptions.of(old, VARIANT.macros())));
        assertTrue(
                e.getMessage().contains("cannot compile for sm_50")
                        || e.getMessage().contains("nvrtcCompileProgram"),
                e.getMessage());
    }
}
