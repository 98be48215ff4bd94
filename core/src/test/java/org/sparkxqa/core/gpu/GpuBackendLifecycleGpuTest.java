package org.sparkxqa.core.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.BackendKind;
import org.sparkxqa.core.BackendMetrics;
import org.sparkxqa.core.BackendUnavailableException;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.backends.Backends;
import org.sparkxqa.core.gpu.cuda.GpuMemory;
import org.sparkxqa.core.gpu.cuda.GpuProbe;
import org.sparkxqa.core.gpu.kernel.LaunchPlan;
import org.sparkxqa.core.memory.LiveAllocations;
import org.sparkxqa.core.testing.RandomRequests;

/**
 * Opening through {@link Backends}, metrics, and that close() frees every buffer: the test owns the
 * RMM and pinned pools (as spark-rapids would), so the backend must leave RMM's allocated bytes and
 * the live buffer counts where it found them.
 */
@Tag("gpu")
class GpuBackendLifecycleGpuTest {
    private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.FP16, 8, 2, 128);
    private static GpuMemory pools;

    @BeforeAll
    static void pools() {
        GpuProbe.Result r = GpuProbe.probe();
        org.junit.jupiter.api.Assumptions.assumeTrue(r.available(), () -> "SKIPPED: no usable GPU: " + r.reason());
        pools = GpuMemory.initialize(0, 0.3, 128L << 20);
    }

    @AfterAll
    static void closePools() {
        if (pools != null) {
            pools.close();
        }
    }

    @Test
    void backendsOpensTheGpuForGpuAndAuto() {
        try (AttentionBackend b = Backends.open(BackendKind.GPU, GpuBackends.options(List.of(), BackendMetrics.NONE))) {
            assertInstanceOf(GpuBackend.class, b);
            assertTrue(b.name().startsWith("gpu:0 ("), b.name());
        }
        try (AttentionBackend b =
                Backends.open(BackendKind.AUTO, GpuBackends.options(List.of(), BackendMetrics.NONE))) {
            assertInstanceOf(GpuBackend.class, b);
        }
        BackendUnavailableException e = assertThrows(
                BackendUnavailableException.class,
                () -> Backends.open(
                        BackendKind.GPU,
                        GpuBackends.options(List.of(), BackendMetrics.NONE).withDevice(99)));
        assertTrue(e.getMessage().contains("GPU 99 was requested"), e.getMessage());
        e = assertThrows(
                BackendUnavailableException.class,
                () -> Backends.open(
                        BackendKind.GPU,
                        GpuBackends.options(List.of(), BackendMetrics.NONE).withNvrtcPath("/no/such/nvrtc")));
        assertTrue(
                e.getMessage().contains("NVRTC not found") && e.getMessage().contains("/no/such/nvrtc"),
                e.getMessage());
    }

    @Test
    void closeFreesEverythingAndMetricsSeeEveryBatch() {
        AtomicLong jit = new AtomicLong();
        AtomicLong launches = new AtomicLong();
        AtomicLong kernelNanos = new AtomicLong();
        AtomicLong copied = new AtomicLong();
        BackendMetrics metrics = new BackendMetrics() {
            @Override
            public void jitCompiled(long nanos) {
                jit.incrementAndGet();
            }

            @Override
            public void jitCacheHit(long nanos) {
                jit.incrementAndGet();
            }

            @Override
            public void launched(long nanos) {
                launches.incrementAndGet();
                kernelNanos.addAndGet(nanos);
            }

            @Override
            public void copied(long bytes) {
                copied.addAndGet(bytes);
            }
        };
        LiveAllocations.Snapshot buffers = LiveAllocations.snapshot();
        long rmm = GpuMemory.rmmBytesAllocated();
        List<Request> batch = new RandomRequests(11).mixedBatch(SPEC, 30, 64, 3000);
        long inputBytes =
                batch.stream().mapToLong(r -> r.qBytes() * 2L + r.kvBytes()).sum();
        GpuBackend gpu = GpuBackend.open(GpuBackends.options(List.of(SPEC), metrics));
        try {
            assertEquals(1, jit.get(), "the warmup variant was obtained once");
            for (int i = 0; i < 3; i++) {
                gpu.attend(SPEC, batch);
            }
            gpu.attend(SPEC.withWindow(100), batch.subList(0, 5));
            assertEquals(1, jit.get(), "a window needs no new variant");
            assertTrue(gpu.attend(SPEC, List.of()).isEmpty());
            assertTrue(
                    LiveAllocations.snapshot().deviceBuffers() > buffers.deviceBuffers(), "buffers are kept for reuse");
        } finally {
            gpu.close();
        }
        assertEquals(buffers, LiveAllocations.snapshot(), "close() frees every buffer");
        assertEquals(rmm, GpuMemory.rmmBytesAllocated(), "close() returns every RMM byte");
        assertEquals(4, launches.get());
        assertTrue(kernelNanos.get() > 0);
        assertTrue(
                copied.get() >= 3 * inputBytes, copied.get() + " bytes copied, inputs and outputs are " + inputBytes);
        assertThrows(IllegalStateException.class, () -> gpu.attend(SPEC, batch));
        KernelLauncher launcher = KernelLauncher.of(gpu);
        LaunchPlan plan = LaunchPlan.of(SPEC, batch, launcher.deviceLimits());
        assertThrows(
                IllegalStateException.class,
                () -> launcher.launch(plan, null, null),
                "the launcher is closed with its backend");
        gpu.close();
    }
}
