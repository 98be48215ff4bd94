package org.sparkxqa.core.gpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.nvrtc.NvrtcVersion;
import org.sparkxqa.core.gpu.target.KernelVariant;
import org.sparkxqa.core.gpu.target.SmArch;

class JitKeyTest {
    private static final KernelVariant V = new KernelVariant(ElementType.BF16, ElementType.BF16, 128, 4);
    private static final JitKey KEY = new JitKey(V, SmArch.SM_90, new NvrtcVersion(13, 0), "ab".repeat(32), "0.1.0");

    @Test
    void readableFolderAndFileNames() {
        assertEquals(Path.of("0.1.0", "sm_90a-nvrtc13.0"), KEY.relativeFolder());
        assertEquals("q_bf16-kv_bf16-d128-g4-" + KEY.hash12() + ".xqacubin", KEY.fileName());
        assertEquals(
                Path.of("0.1.0", "sm_80-nvrtc13.0"),
                new JitKey(V, SmArch.SM_80, KEY.nvrtc(), KEY.sourceHash(), "0.1.0").relativeFolder());
        assertEquals("q_bf16-kv_bf16-d128-g4@sm_90a/nvrtc13.0", KEY.toString());
    }

    @Test
    void keyNamesTheRealTargetSoPlainSm90CubinsAreNeverReused() {
        // Before wgmma, sm_90 CUBINs were keyed "arch=sm_90" and stored under <version>/sm_90-nvrtc<v>/.
        assertTrue(KEY.canonical().contains(";arch=sm_90a;"), KEY.canonical());
        assertNotEquals(Path.of("0.1.0", "sm_90-nvrtc13.0"), KEY.relativeFolder());
    }

    @Test
    void everyPartOfTheKeyChangesTheFile() {
        Set<Path> paths = new HashSet<>();
        paths.add(KEY.relativePath());
        paths.add(new JitKey(
                        new KernelVariant(ElementType.BF16, ElementType.FP16, 128, 4),
                        SmArch.SM_90,
                        KEY.nvrtc(),
                        KEY.sourceHash(),
                        "0.1.0")
                .relativePath());
        paths.add(new JitKey(
                        new KernelVariant(ElementType.BF16, ElementType.BF16, 64, 4),
                        SmArch.SM_90,
                        KEY.nvrtc(),
                        KEY.sourceHash(),
                        "0.1.0")
                .relativePath());
        paths.add(new JitKey(V, SmArch.SM_80, KEY.nvrtc(), KEY.sourceHash(), "0.1.0").relativePath());
        paths.add(new JitKey(V, SmArch.SM_90, new NvrtcVersion(13, 1), KEY.sourceHash(), "0.1.0").relativePath());
        paths.add(new JitKey(V, SmArch.SM_90, KEY.nvrtc(), "cd".repeat(32), "0.1.0").relativePath());
        paths.add(new JitKey(V, SmArch.SM_90, KEY.nvrtc(), KEY.sourceHash(), "0.2.0").relativePath());
        assertEquals(7, paths.size(), paths.toString());
    }

    @Test
    void versionStringsCannotEscapeTheRoot() {
        JitKey odd = new JitKey(V, SmArch.SM_90, KEY.nvrtc(), KEY.sourceHash(), "../../etc");
        Path folder = odd.relativeFolder();
        assertEquals(Path.of("v.._.._etc", "sm_90a-nvrtc13.0"), folder);
        assertEquals(folder, folder.normalize());
    }
}
