package org.sparkxqa.core.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Assumptions;
import org.sparkxqa.core.memory.LiveAllocations;

/** Shared by the gpu-tagged tests: skip visibly without a GPU; fail a test that leaks buffers. */
final class GpuTestSupport {
    private GpuTestSupport() {}

    /** The first GPU, or a visible skip naming why there is none. */
    static DeviceInfo gpuOrSkip() {
        GpuProbe.Result r = GpuProbe.probe();
        Assumptions.assumeTrue(r.available(), () -> "SKIPPED: no usable GPU: " + r.reason());
        return r.devices().getFirst();
    }

    /** What is allocated now: our buffers and RMM's tracked bytes. */
    record Usage(LiveAllocations.Snapshot buffers, long rmmBytes) {
        static Usage now() {
            return new Usage(LiveAllocations.snapshot(), GpuMemory.rmmBytesAllocated());
        }

        void assertNothingLeakedSince() {
            Usage after = now();
            assertEquals(buffers, after.buffers, "leaked buffers: before " + buffers + ", after " + after.buffers);
            assertEquals(rmmBytes, after.rmmBytes, "leaked RMM device memory (bytes)");
        }
    }
}
