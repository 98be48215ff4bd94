package org.sparkxqa.core.gpu.cuda;

import ai.rapids.cudf.Cuda;
import ai.rapids.cudf.PinnedMemoryPool;
import ai.rapids.cudf.Rmm;
import ai.rapids.cudf.RmmAllocationMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.core.memory.LiveAllocations;

/**
 * Sets up cuDF's memory for this process: the device, an RMM pool and a pinned host pool, each only
 * if nobody (e.g. spark-rapids) has done so already. The object remembers what it set up and
 * {@link #close()} shuts down only that. One owner per process (the executor plugin, or a test);
 * not meant for concurrent use.
 */
public final class GpuMemory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GpuMemory.class);
    private static final long MIB = 1L << 20;

    private final boolean ownsRmm;
    private final boolean ownsPinned;
    private final long rmmPoolBytes;

    private GpuMemory(boolean ownsRmm, boolean ownsPinned, long rmmPoolBytes) {
        this.ownsRmm = ownsRmm;
        this.ownsPinned = ownsPinned;
        this.rmmPoolBytes = rmmPoolBytes;
    }

    /**
     * Selects device {@code ordinal} for cuDF and initialises what is missing.
     *
     * @param poolFraction share of the device's currently free memory for the RMM pool (0 &lt; f &lt;= 0.95)
     * @param pinnedPoolBytes size of cuDF's pinned host pool; 0 for none
     */
    public static GpuMemory initialize(int ordinal, double poolFraction, long pinnedPoolBytes) {
        if (!(poolFraction > 0 && poolFraction <= 0.95) || pinnedPoolBytes < 0) {
            throw new IllegalArgumentException("pool fraction must be in (0, 0.95] and pinned bytes >= 0, got "
                    + poolFraction + ", " + pinnedPoolBytes);
        }
        Cuda.setDevice(ordinal);
        boolean ownsRmm = false;
        long pool = 0;
        if (!Rmm.isInitialized()) {
            pool = Math.max(MIB, (long) (Cuda.memGetInfo().free * poolFraction) / MIB * MIB);
            Rmm.initialize(RmmAllocationMode.POOL, null, pool);
            ownsRmm = true;
            LOG.info("RMM pool of {} MiB on GPU {}", pool / MIB, ordinal);
        } else {
            LOG.info("RMM already initialised by someone else; using it as is");
        }
        boolean ownsPinned = false;
        if (pinnedPoolBytes > 0 && !PinnedMemoryPool.isInitialized()) {
            PinnedMemoryPool.initialize(pinnedPoolBytes);
            ownsPinned = true;
        }
        return new GpuMemory(ownsRmm, ownsPinned, pool);
    }

    /** The RMM pool size this object created, in bytes; 0 when RMM was set up by someone else. */
    public long rmmPoolBytes() {
        return rmmPoolBytes;
    }

    /**
     * Device bytes an allocation could get now, about: what is left of the RMM pool this object made,
     * or the device's free memory when someone else set RMM up.
     */
    public long availableDeviceBytes() {
        return ownsRmm ? Math.max(0, rmmPoolBytes - Rmm.getTotalBytesAllocated()) : Cuda.memGetInfo().free;
    }

    /** Bytes currently allocated through RMM (cuDF's tracking adaptor); for leak checks and metrics. */
    public static long rmmBytesAllocated() {
        return Rmm.getTotalBytesAllocated();
    }

    /**
     * Shuts down the pools this object created; leaves others' alone. A pool that still backs live
     * buffers ({@link LiveAllocations}: another backend in this JVM, a call still running at JVM exit)
     * is left up, with a warning: freeing it would pull memory from under them (on the H100 a JVM
     * exiting mid-test died copying from a pinned buffer whose pool a shutdown hook had freed).
     */
    @Override
    public void close() {
        String live = liveBuffers(LiveAllocations.snapshot());
        if (live != null) {
            LOG.warn("leaving cuDF's memory pools up: {}", live);
            return;
        }
        if (ownsPinned) {
            PinnedMemoryPool.shutdown();
        }
        if (ownsRmm) {
            Rmm.shutdown();
        }
    }

    /** Why the pools must stay up given {@code live}, or null when nothing counted is live. */
    static String liveBuffers(LiveAllocations.Snapshot live) {
        if (live.deviceBuffers() == 0 && live.hostBuffers() == 0) {
            return null;
        }
        return "still live: " + live;
    }
}
