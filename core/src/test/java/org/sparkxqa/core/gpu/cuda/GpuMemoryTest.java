package org.sparkxqa.core.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparkxqa.core.memory.LiveAllocations.Snapshot;

/** When closing may shut cuDF's pools down: only with no counted buffer live, device or host. */
class GpuMemoryTest {
    @Test
    void poolsGoDownOnlyWhenNoCountedBufferIsLive() {
        assertNull(GpuMemory.liveBuffers(new Snapshot(0, 0, 0, 0)));
        String host = GpuMemory.liveBuffers(new Snapshot(0, 0, 1, 4096));
        assertTrue(host != null && host.contains("1 pinned host buffers (4096 B)"), host);
        String device = GpuMemory.liveBuffers(new Snapshot(2, 1 << 20, 0, 0));
        assertTrue(device != null && device.contains("2 device buffers"), device);
    }
}
