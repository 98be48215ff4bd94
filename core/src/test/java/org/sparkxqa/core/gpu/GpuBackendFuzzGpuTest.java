package org.sparkxqa.core.gpu;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.fuzz.BackendProperties;
import org.sparkxqa.core.fuzz.FuzzSpace;

/**
 * {@link BackendProperties} on the GPU backend over what the kernel has variants for
 * ({@link FuzzSpace#kernel}): the same generator and checks as {@code CpuBackendFuzzTest}. Skipped,
 * saying why, where no GPU can be used.
 */
@Tag("gpu")
class GpuBackendFuzzGpuTest extends BackendProperties {
    private static GpuBackend gpu;

    @AfterAll
    static void close() {
        if (gpu != null) {
            gpu.close();
        }
    }

    /** Opened on first use inside the test, so a missing GPU shows as this test skipped, with the reason. */
    @Override
    protected AttentionBackend backend() {
        if (gpu == null) {
            gpu = GpuBackends.openOrSkip(List.of());
        }
        return gpu;
    }

    @Override
    protected FuzzSpace space() {
        return FuzzSpace.kernel();
    }

    @Override
    protected int tries() {
        return 500;
    }
}
