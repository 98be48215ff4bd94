package org.sparkxqa.core.gpu.cudf;

import org.sparkxqa.core.gpu.cuda.PinnedBuffer;
import org.sparkxqa.core.gpu.kernel.DeviceBuffers;
import org.sparkxqa.core.gpu.kernel.LaunchPlan;

/**
 * The one device allocation of a launch over caller-owned q/k/v buffers: the plan's tables (masks,
 * requests, work items, merge items; packed on the host in the same layout and copied as one block),
 * then the fp32 multi-block scratch and out. Every region starts on a {@value #ALIGN}-byte boundary
 * and has at least {@value #ALIGN} bytes. Immutable.
 */
record TableArena(
        long masks,
        long requests,
        long work,
        long merge,
        long tableBytes,
        long scratchO,
        long scratchMl,
        long out,
        long bytes) {
    static final int ALIGN = 256;

    static TableArena of(LaunchPlan plan, long outBytes) {
        long masks = 0;
        long requests = next(masks, plan.maskTable().length);
        long work = next(requests, plan.requestTable().length);
        long merge = next(work, plan.workTable().length);
        long tableBytes = next(merge, plan.mergeTable().length);
        long scratchO = tableBytes;
        long scratchMl = next(scratchO, plan.scratchOBytes());
        long out = next(scratchMl, plan.scratchMlBytes());
        return new TableArena(masks, requests, work, merge, tableBytes, scratchO, scratchMl, out, next(out, outBytes));
    }

    /** Writes the plan's tables into {@code host} at their offsets. */
    void pack(LaunchPlan plan, PinnedBuffer host) {
        put(host, masks, plan.maskTable());
        put(host, requests, plan.requestTable());
        put(host, work, plan.workTable());
        put(host, merge, plan.mergeTable());
    }

    /** The kernel's view, with this arena at {@code base} and the caller's q/k/v at the given addresses. */
    DeviceBuffers buffers(long base, long q, long k, long v) {
        return new DeviceBuffers(
                q,
                k,
                v,
                base + out,
                base + masks,
                base + requests,
                base + work,
                base + merge,
                base + scratchO,
                base + scratchMl);
    }

    private static void put(PinnedBuffer host, long offset, byte[] table) {
        if (table.length > 0) {
            host.put(offset, table, 0, table.length);
        }
    }

    private static long next(long start, long bytes) {
        long size = Math.max(ALIGN, bytes);
        return Math.addExact(start, (size + ALIGN - 1) / ALIGN * ALIGN);
    }
}
