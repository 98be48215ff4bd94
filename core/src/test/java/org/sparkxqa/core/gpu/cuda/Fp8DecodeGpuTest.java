package org.sparkxqa.core.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.Fp8TestKernel;
import org.sparkxqa.core.gpu.TestKernel;
import org.sparkxqa.core.gpu.nvrtc.CompileOptions;

/**
 * The kernel's fp8 decode ({@code xqa_fp8.cuh}) on the GPU against {@link ElementType#decode}: all 256
 * codes of e4m3 and e5m2, to fp32 and through the 16-byte chunk path to fp16 and bf16, bit for bit
 * (NaN: any NaN).
 */
@Tag("gpu")
class Fp8DecodeGpuTest {
    private static DeviceInfo device;
    private static CudaContext context;
    private static GpuMemory memory;

    @BeforeAll
    static void open() {
        device = GpuTestSupport.gpuOrSkip();
        context = CudaContext.open(device.ordinal());
        memory = GpuMemory.initialize(device.ordinal(), 0.02, 16L << 20);
    }

    @AfterAll
    static void close() {
        if (memory != null) {
            memory.close();
        }
        if (context != null) {
            context.close();
        }
    }

    @ParameterizedTest(name = "{0} codes to fp32 and {1}")
    @CsvSource({"E4M3, FP16", "E4M3, BF16", "E5M2, FP16", "E5M2, BF16"})
    void everyCodeDecodesAsTheCpuDoes(ElementType kv, ElementType q) {
        byte[] cubin = TestKernel.nvrtcOrSkip()
                .compile(
                        Fp8TestKernel.sources().program(),
                        CompileOptions.of(
                                device.arch(), Map.of("XQA_Q_TYPE", q.ordinal(), "XQA_KV_TYPE", kv.ordinal())));
        try (CudaModule module = CudaModule.load(context, cubin);
                CudaStream stream = CudaStream.create(context);
                PinnedBuffer host = PinnedBuffer.allocate(256 * 6);
                DeviceBuffer asFloat = DeviceBuffer.allocate(256 * 4, stream);
                DeviceBuffer as16 = DeviceBuffer.allocate(256 * 2, stream)) {
            module.function(Fp8TestKernel.FUNCTION)
                    .launch(
                            LaunchConfig.of1d(1, 32, 0),
                            stream,
                            new KernelArgs().pointer(asFloat).pointer(as16));
            asFloat.copyToHostAsync(0, host, 0, 256 * 4, stream);
            as16.copyToHostAsync(0, host, 256 * 4, 256 * 2, stream);
            stream.synchronize();
            ByteBuffer out = host.asByteBuffer(0, 256 * 6).order(ByteOrder.LITTLE_ENDIAN);
            for (int code = 0; code < 256; code++) {
                float want = kv.decode(code);
                String what = kv + " code 0x" + Integer.toHexString(code);
                same(want, out.getFloat(4 * code), what + " to fp32");
                same(want, q.decode(out.getShort(256 * 4 + 2 * code)), what + " to " + q);
            }
        }
    }

    private static void same(float want, float got, String what) {
        if (Float.isNaN(want)) {
            assertTrue(Float.isNaN(got), what + ": want NaN, got " + got);
        } else {
            assertEquals(
                    Float.floatToRawIntBits(want),
                    Float.floatToRawIntBits(got),
                    what + ": want " + want + ", got " + got);
        }
    }
}
