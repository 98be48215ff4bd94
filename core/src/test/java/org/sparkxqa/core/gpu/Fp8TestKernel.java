package org.sparkxqa.core.gpu;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkxqa.core.gpu.jit.KernelSourceLoader;
import org.sparkxqa.core.gpu.jit.KernelSources;

/**
 * The fp8 decode test kernel (src/test/resources, {@code fp8kernel/}) with the kernel's own
 * {@code xqa_types.cuh} and {@code xqa_fp8.cuh}, so the test exercises the shipped headers.
 */
public final class Fp8TestKernel {
    /** Its only {@code extern "C" __global__} function: {@code (float* as_float, u16* as_16)}, 1 block of 32. */
    public static final String FUNCTION = "xqa_fp8_decode_test";

    private Fp8TestKernel() {}

    public static KernelSources sources() {
        KernelSources kernel = KernelSourceLoader.kernel()
                .orElseThrow(() -> new IllegalStateException("kernel sources missing from the class path"));
        KernelSources test = KernelSourceLoader.load(
                        Fp8TestKernel.class.getClassLoader(), "org/sparkxqa/core/gpu/fp8kernel")
                .orElseThrow(() -> new IllegalStateException("fp8 test kernel missing from test resources"));
        Map<String, String> files = new LinkedHashMap<>(test.files());
        for (String header : new String[] {"xqa_types.cuh", "xqa_fp8.cuh"}) {
            files.put(header, kernel.files().get(header));
        }
        return new KernelSources("fp8 decode test", files);
    }
}
