package org.sparkxqa.core.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.BackendMetrics;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.gpu.cuda.GpuProbe;
import org.sparkxqa.core.reference.RelativeError;

/** Shared by the gpu-tagged backend tests: open or skip visibly, tolerances, comparisons. */
final class GpuBackends {
    /** One JIT disk cache for every test JVM on a machine, so each variant is compiled once. */
    static final Path JIT_DIR = Path.of(System.getProperty("java.io.tmpdir"), "xqa-gpu-test-jit");

    private GpuBackends() {}

    /** Options for tests: the test JIT folder, a modest pool, the given warmup specs and metrics. */
    static GpuOptions options(List<AttentionSpec> warmup, BackendMetrics metrics) {
        return GpuOptions.defaults()
                .withJitCacheDir(JIT_DIR)
                .withPoolFraction(0.4)
                .withPinnedPoolBytes(256L << 20)
                .withWarmup(warmup)
                .withMetrics(metrics);
    }

    /** A backend on GPU 0 with the warmup specs' kernels loaded; skips the caller when there is no GPU. */
    static GpuBackend openOrSkip(List<AttentionSpec> warmup) {
        GpuProbe.Result r = GpuProbe.probe();
        Assumptions.assumeTrue(r.available(), () -> "SKIPPED: no usable GPU: " + r.reason());
        return GpuBackend.open(options(warmup, BackendMetrics.NONE));
    }

    /** Relative L2 error allowed per request: 1e-2 when q or k/v is bf16, else 2e-3 (fp16 only). */
    static double tolerance(AttentionSpec spec) {
        return spec.qType() == ElementType.BF16 || spec.kvType() == ElementType.BF16 ? 1e-2 : 2e-3;
    }

    /** Every GPU output is finite and within {@link #tolerance} of the CPU backend's, request by request. */
    static void assertClose(
            AttentionSpec spec, List<Request> requests, List<byte[]> gpu, List<byte[]> cpu, String label) {
        assertEquals(requests.size(), gpu.size(), label + ": outputs");
        for (int n = 0; n < requests.size(); n++) {
            Request r = requests.get(n);
            String what = label + " request " + n + " (Lq=" + r.lq() + ", Lk=" + r.lk() + ")";
            assertEquals(cpu.get(n).length, gpu.get(n).length, what + ": output bytes");
            float[] g = spec.qType().decodeAll(gpu.get(n));
            float[] c = spec.qType().decodeAll(cpu.get(n));
            double[] ref = new double[c.length];
            for (int e = 0; e < c.length; e++) {
                assertTrue(Float.isFinite(g[e]), what + ": element " + e + " = " + g[e]);
                ref[e] = c[e];
            }
            double err = RelativeError.of(g, ref);
            assertTrue(err <= tolerance(spec), what + ": relative error " + err + " > " + tolerance(spec));
        }
    }

    /** Byte-for-byte equality of two output lists. */
    static void assertSameBytes(List<byte[]> expected, List<byte[]> actual, String label) {
        assertEquals(expected.size(), actual.size(), label);
        for (int n = 0; n < expected.size(); n++) {
            assertArrayEquals(expected.get(n), actual.get(n), label + ": request " + n);
        }
    }
}
