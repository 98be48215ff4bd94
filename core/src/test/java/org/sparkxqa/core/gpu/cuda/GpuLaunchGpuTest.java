package org.sparkxqa.core.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.TestKernel;
import org.sparkxqa.core.gpu.jit.JitCache;
import org.sparkxqa.core.gpu.target.KernelVariant;
import org.sparkxqa.core.gpu.target.SmArch;
import org.sparkxqa.core.memory.LiveAllocations;

/** JIT-compiled test kernel launched through JCuda on cuDF device buffers. */
@Tag("gpu")
class GpuLaunchGpuTest {
    private static final KernelVariant V = new KernelVariant(ElementType.BF16, ElementType.FP16, 128, 4);
    private static DeviceInfo device;
    private static CudaContext context;
    private static GpuMemory memory;
    private static JitCache jit;
    private static CudaModule module;
    private GpuTestSupport.Usage before;

    @BeforeAll
    static void open() throws Exception {
        device = GpuTestSupport.gpuOrSkip();
        context = CudaContext.open(device.ordinal());
        memory = GpuMemory.initialize(device.ordinal(), 0.05, 64L << 20);
        jit = new JitCache(
                TestKernel.sources(),
                TestKernel.nvrtcOrSkip(),
                JitCache.Options.at(Files.createTempDirectory("xqa-jit")));
        module = CudaModule.load(context, jit.get(V, device.arch()).cubin());
    }

    @AfterAll
    static void close() {
        if (module != null) {
            module.close();
        }
        if (memory != null) {
            memory.close();
        }
        if (context != null) {
            context.close();
        }
    }

    @BeforeEach
    void snapshot() {
        before = GpuTestSupport.Usage.now();
    }

    @AfterEach
    void noLeaks() {
        before.assertNothingLeakedSince();
    }

    /** Runs the kernel over n random floats with the given dynamic shared memory; checks every output. */
    private float run(int n, int sharedBytes) {
        float[] in = new float[n];
        Random r = new Random(n);
        for (int i = 0; i < n; i++) {
            in[i] = r.nextFloat() * 2 - 1;
        }
        long bytes = 4L * n;
        float ms;
        try (CudaStream stream = CudaStream.create(context);
                PinnedBuffer hostIn = PinnedBuffer.allocate(bytes);
                PinnedBuffer hostOut = PinnedBuffer.allocate(bytes);
                DeviceBuffer devIn = DeviceBuffer.allocate(bytes, stream);
                DeviceBuffer devOut = DeviceBuffer.allocate(bytes, stream);
                GpuTimer timer = new GpuTimer(context, stream)) {
            assertTrue(hostIn.pinned(), "the pinned pool has room");
            hostIn.asByteBuffer(0, (int) bytes).asFloatBuffer().put(in);
            devIn.copyFromHostAsync(0, hostIn, 0, bytes, stream);
            devOut.fillAsync((byte) 0xFF, stream);
            timer.start();
            module.function(TestKernel.FUNCTION)
                    .launch(
                            LaunchConfig.of1d((n + 255) / 256, 256, sharedBytes),
                            stream,
                            new KernelArgs()
                                    .pointer(devIn)
                                    .pointer(devOut)
                                    .i32(n)
                                    .i32(sharedBytes));
            timer.stop();
            devOut.copyToHostAsync(0, hostOut, 0, bytes, stream);
            stream.synchronize();
            ms = timer.elapsedMillis();
            ByteBuffer result = hostOut.asByteBuffer(0, (int) bytes);
            for (int i = 0; i < n; i++) {
                float want = TestKernel.expected(in[i], V);
                if (Float.floatToIntBits(result.getFloat(4 * i)) != Float.floatToIntBits(want)) {
                    throw new AssertionError("out[" + i + "] = " + result.getFloat(4 * i) + ", want " + want);
                }
            }
        }
        assertTrue(ms > 0, "GPU time " + ms);
        return ms;
    }

    @Test
    void launchesOnCudfBuffersWithAsyncCopies(TestReporter report) {
        float ms = run(1_000_003, 64 * 1024);
        report.publishEntry("kernel", String.format("1,000,003 floats, 64 KiB smem: %.3f ms on %s", ms, device));
    }

    @Test
    void usesAllTheDynamicSharedMemoryTheDeviceAllows() {
        assertTrue(device.maxSharedMemoryPerBlockOptin() > 48 * 1024, device.toString());
        run(4097, device.maxSharedMemoryPerBlockOptin());
    }

    @Test
    void driverErrorsAreNamedAndTheContextSurvivesThem() {
        CudaException missing = assertThrows(CudaException.class, () -> module.function("no_such_kernel"));
        assertEquals("CUDA_ERROR_NOT_FOUND", missing.errorName());
        assertTrue(missing.getMessage().contains("cuModuleGetFunction(no_such_kernel)"), missing.getMessage());
        int tooMuch = device.maxSharedMemoryPerBlockOptin() + 1024;
        try (CudaStream stream = CudaStream.create(context)) {
            CudaException smem = assertThrows(
                    CudaException.class,
                    () -> module.function(TestKernel.FUNCTION)
                            .launch(
                                    LaunchConfig.of1d(1, 32, tooMuch),
                                    stream,
                                    new KernelArgs()
                                            .pointer(0)
                                            .pointer(0)
                                            .i32(0)
                                            .i32(tooMuch)));
            assertFalse(smem instanceof CudaFatalException, smem.getMessage());
        }
        run(1000, 1024);
    }

    @Test
    void aCubinForAnotherArchitectureIsRejected() {
        SmArch other = device.arch().major() == 8 ? SmArch.SM_90 : SmArch.SM_80;
        byte[] foreign = jit.get(V, other).cubin();
        CudaException e = assertThrows(
                CudaException.class, () -> CudaModule.load(context, foreign).close());
        assertFalse(e instanceof CudaFatalException);
        assertTrue(e.getMessage().startsWith("cuModuleLoadData failed"), e.getMessage());
        run(1000, 0);
    }

    @Test
    void theLeakCheckSeesAnUnclosedBuffer() {
        try (CudaStream stream = CudaStream.create(context)) {
            DeviceBuffer leaked = DeviceBuffer.allocate(1 << 20, stream);
            assertNotEquals(before.buffers(), LiveAllocations.snapshot());
            assertThrows(AssertionError.class, before::assertNothingLeakedSince);
            leaked.close();
            leaked.close();
        }
    }
}
