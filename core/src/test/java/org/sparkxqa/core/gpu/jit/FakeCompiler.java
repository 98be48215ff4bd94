package org.sparkxqa.core.gpu.jit;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.nvrtc.NvrtcVersion;
import org.sparkxqa.core.gpu.target.KernelVariant;
import org.sparkxqa.core.gpu.target.SmArch;

/** A stand-in for NVRTC: deterministic bytes per key after a chosen delay, counting its compiles. */
final class FakeCompiler implements DiskOrCompile.Compiler {
    static final JitKey KEY = new JitKey(
            new KernelVariant(ElementType.BF16, ElementType.BF16, 128, 4),
            SmArch.SM_90,
            new NvrtcVersion(13, 0),
            "ab".repeat(32),
            "test-1.0");
    static final int SIZE = 300_000;

    private final long millis;
    private final Runnable onStart;
    final AtomicInteger compiles = new AtomicInteger();

    FakeCompiler(long millis, Runnable onStart) {
        this.millis = millis;
        this.onStart = onStart;
    }

    /** What a compile of {@code key} returns. */
    static byte[] cubinOf(JitKey key) {
        byte[] b = new byte[SIZE];
        new Random(key.canonical().hashCode()).nextBytes(b);
        return b;
    }

    @Override
    public byte[] compile(JitKey key) {
        compiles.incrementAndGet();
        onStart.run();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return cubinOf(key);
    }
}
