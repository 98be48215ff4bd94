package org.sparkxqa.core.gpu;

import org.sparkxqa.core.gpu.kernel.DeviceBuffers;
import org.sparkxqa.core.gpu.kernel.LaunchPlan;

/**
 * Where each buffer of one launch lives, as byte offsets into two arenas. The input arena holds, in
 * this order, q, k, v and the tables (masks, requests, work items, merge items); it is packed in a
 * pinned host buffer and copied as is to the start of the device arena. The device arena continues
 * with out and the fp32 multi-block scratch. Every region starts on a {@value #ALIGN}-byte boundary
 * and has at least {@value #ALIGN} bytes, so every address is non-null, aligned and distinct.
 * Immutable.
 *
 * @param inBytes bytes of the input arena (copied host to device)
 * @param outBytes bytes of out (copied device to host)
 * @param deviceBytes bytes of the whole device arena
 */
record BatchLayout(
        long q,
        long k,
        long v,
        long masks,
        long requests,
        long work,
        long merge,
        long inBytes,
        long out,
        long scratchO,
        long scratchMl,
        long outBytes,
        long deviceBytes) {

    /** Alignment of every region, bytes. */
    static final int ALIGN = 256;

    /** The layout of {@code plan}. */
    static BatchLayout of(LaunchPlan plan) {
        long q = 0;
        long k = next(q, plan.qBytes());
        long v = next(k, plan.kvBytes());
        long masks = next(v, plan.kvBytes());
        long requests = next(masks, plan.maskTable().length);
        long work = next(requests, plan.requestTable().length);
        long merge = next(work, plan.workTable().length);
        long inBytes = next(merge, plan.mergeTable().length);
        long out = inBytes;
        long scratchO = next(out, plan.qBytes());
        long scratchMl = next(scratchO, plan.scratchOBytes());
        long deviceBytes = next(scratchMl, plan.scratchMlBytes());
        return new BatchLayout(
                q, k, v, masks, requests, work, merge, inBytes, out, scratchO, scratchMl, plan.qBytes(), deviceBytes);
    }

    /** The kernel's view: every region's device address for a device arena starting at {@code base}. */
    DeviceBuffers buffers(long base) {
        return new DeviceBuffers(
                base + q,
                base + k,
                base + v,
                base + out,
                base + masks,
                base + requests,
                base + work,
                base + merge,
                base + scratchO,
                base + scratchMl);
    }

    private static long next(long start, long bytes) {
        long size = Math.max(ALIGN, bytes);
        return Math.addExact(start, (size + ALIGN - 1) / ALIGN * ALIGN);
    }
}
