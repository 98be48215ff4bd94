package org.sparkxqa.core.gpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.core.gpu.TestKernel;

/** The {@code xqa kernels compile} entry point, on the test kernel. */
class KernelCompileCommandTest {
    @TempDir
    Path cacheDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void nvrtc() {
        TestKernel.nvrtcOrSkip();
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return KernelCompileCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void compilesTheDefaultSetThenFindsItCached() {
        String[] args = {
            "--arch",
            "sm_80,sm_90",
            "--cache-dir",
            cacheDir.toString(),
            "--jobs",
            "2",
            "--kernel-resources",
            TestKernel.FOLDER
        };
        int kernels = 2 * KernelCompileCommand.defaultVariants().size();
        assertEquals(0, run(args), err.toString());
        assertTrue(
                out().contains("done in") && out().contains(kernels + " compiled") && out().contains("0 failed"),
                out());
        assertTrue(out().contains("[" + kernels + "/" + kernels + "]"), out());
        assertEquals(0, run(args), err.toString());
        assertTrue(out().contains("0 compiled") && out().contains(kernels + " already cached"), out());
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, run("--arch", "sm_90;rm"));
        assertTrue(err.toString().contains("not a GPU architecture"), err.toString());
        assertEquals(2, run("--jobs", "0"));
        assertEquals(2, run("--frobnicate"));
        assertEquals(2, run("--cache-dir"));
        assertEquals(0, run("--help"));
        assertTrue(out().contains("usage: xqa kernels compile"));
    }

    @Test
    void missingSourcesOrNvrtcExitWith1() {
        assertEquals(1, run("--kernel-resources", "no/such/folder", "--cache-dir", cacheDir.toString()));
        assertTrue(err.toString().contains("no kernel sources"), err.toString());
        assertEquals(
                1,
                run(
                        "--kernel-resources",
                        TestKernel.FOLDER,
                        "--nvrtc-path",
                        "/no/such/nvrtc",
                        "--cache-dir",
                        cacheDir.toString()));
        assertTrue(err.toString().contains("/no/such/nvrtc"), err.toString());
    }
}
