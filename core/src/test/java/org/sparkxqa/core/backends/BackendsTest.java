package org.sparkxqa.core.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.BackendKind;
import org.sparkxqa.core.BackendUnavailableException;
import org.sparkxqa.core.cpu.CpuBackend;
import org.sparkxqa.core.gpu.GpuOptions;
import org.sparkxqa.core.gpu.cuda.GpuProbe;

/** Backend selection on a machine without a usable GPU (CI); the GPU side is covered by gpu-tagged tests. */
class BackendsTest {
    @Test
    void cpuIsAlwaysTheCpuBackend() {
        try (AttentionBackend b = Backends.open(BackendKind.CPU)) {
            assertInstanceOf(CpuBackend.class, b);
        }
    }

    @Test
    void cpuThreadsAreThoseAsked() {
        try (AttentionBackend b = Backends.open(BackendKind.CPU, GpuOptions.defaults(), 3)) {
            assertEquals("cpu (3 threads)", b.name());
        }
        assertThrows(IllegalArgumentException.class, () -> Backends.open(BackendKind.CPU, GpuOptions.defaults(), 0));
    }

    @Test
    void gpuWithoutAGpuNamesWhatIsMissingAndAutoFallsBackToCpu() {
        GpuProbe.Result probe = GpuProbe.probe();
        assumeFalse(probe.available(), "a GPU is visible here; see GpuBackendLifecycleGpuTest");
        BackendUnavailableException e =
                assertThrows(BackendUnavailableException.class, () -> Backends.open(BackendKind.GPU));
        assertTrue(e.getMessage().startsWith("GPU backend unavailable: "), e.getMessage());
        assertTrue(e.getMessage().contains(probe.reason()), e.getMessage() + " should name: " + probe.reason());
        try (AttentionBackend b = Backends.open(BackendKind.AUTO, GpuOptions.defaults())) {
            assertInstanceOf(CpuBackend.class, b);
        }
        try (AttentionBackend b = Backends.open(BackendKind.AUTO, GpuOptions.defaults(), 5)) {
            assertEquals("cpu (5 threads)", b.name(), "the fallback gets the threads asked for");
        }
    }
}
