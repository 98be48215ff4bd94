package org.sparkxqa.core.gpu;

import org.junit.jupiter.api.Assumptions;
import org.sparkxqa.core.gpu.jit.KernelSourceLoader;
import org.sparkxqa.core.gpu.jit.KernelSources;
import org.sparkxqa.core.gpu.nvrtc.Nvrtc;
import org.sparkxqa.core.gpu.nvrtc.NvrtcNotFoundException;
import org.sparkxqa.core.gpu.target.KernelVariant;

/** The tiny test kernel in src/test/resources and the NVRTC the tests compile it with. */
public final class TestKernel {
    /** Classpath folder of the test kernel's sources.txt. */
    public static final String FOLDER = "org/sparkxqa/core/gpu/testkernel";
    /** Its only {@code extern "C" __global__} function. */
    public static final String FUNCTION = "xqa_test_affine_kernel";

    private TestKernel() {}

    public static KernelSources sources() {
        return KernelSourceLoader.load(TestKernel.class.getClassLoader(), FOLDER)
                .orElseThrow(() -> new IllegalStateException("test kernel missing from test resources: " + FOLDER));
    }

    /** What the kernel writes for input {@code x} under {@code v} (same float operation order). */
    public static float expected(float x, KernelVariant v) {
        return x * (float) v.headDim()
                + (float) v.group()
                + 0.5f * v.qType().ordinal()
                + 0.25f * v.kvType().ordinal();
    }

    /**
     * NVRTC from the standard search (XQA_NVRTC_PATH first); skips the calling test, visibly and with
     * the list of places tried, only when no libnvrtc is found anywhere.
     */
    public static Nvrtc nvrtcOrSkip() {
        try {
            return Nvrtc.load(null);
        } catch (NvrtcNotFoundException e) {
            Assumptions.abort("SKIPPED: no libnvrtc found (set XQA_NVRTC_PATH, e.g. to a pip nvidia-cuda-nvrtc "
                    + "nvidia/cu13/lib folder): " + e.getMessage());
            throw e;
        }
    }
}
