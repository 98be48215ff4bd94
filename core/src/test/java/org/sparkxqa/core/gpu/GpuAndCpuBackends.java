package org.sparkxqa.core.gpu;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.cpu.CpuBackend;

/**
 * A GPU backend warmed for a test class's specs and a CPU backend to compare it with, opened before
 * the class's first test and closed after its last. Register it as a static field with
 * {@code @RegisterExtension}; without a GPU the class is skipped, visibly
 * ({@link GpuBackends#openOrSkip}). Owns both backends; not for use from several classes at once.
 */
final class GpuAndCpuBackends implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<List<AttentionSpec>> warmup;
    private GpuBackend gpu;
    private CpuBackend cpu;

    GpuAndCpuBackends(Supplier<List<AttentionSpec>> warmup) {
        this.warmup = warmup;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        gpu = GpuBackends.openOrSkip(warmup.get());
        cpu = new CpuBackend();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try (GpuBackend g = gpu;
                CpuBackend c = cpu) {
            gpu = null;
            cpu = null;
        }
    }

    GpuBackend gpu() {
        return gpu;
    }

    CpuBackend cpu() {
        return cpu;
    }
}
