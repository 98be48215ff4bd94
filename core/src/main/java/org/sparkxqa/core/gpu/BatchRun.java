package org.sparkxqa.core.gpu;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparkxqa.core.BackendMetrics;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.gpu.cuda.CudaStream;
import org.sparkxqa.core.gpu.cuda.DeviceBuffer;
import org.sparkxqa.core.gpu.cuda.PinnedBuffer;
import org.sparkxqa.core.gpu.kernel.LaunchPlan;

/**
 * One planned batch on one {@link StreamSlot}: {@link #pack} packs the inputs into the slot's pinned
 * arena ({@link HostPacker}: contiguous runs, several threads), optionally queueing the host-to-device
 * copy of each group while the next group is packed (packing then overlaps the copies);
 * {@link #submit} queues, on the slot's stream, the copy of what is not yet queued, the attention and
 * merge launches between two timing events, and the copy of out back; it returns without waiting.
 * {@link #finish} waits for the stream and unpacks each request's output. Used by one thread.
 */
final class BatchRun {
    /** Bytes packed before the next piece of the host-to-device copy is queued. */
    static final long COPY_PIECE = 16L << 20;
    /** Request bytes packed (in parallel pieces) before the copies are queued. */
    static final long GROUP_BYTES = 32L << 20;

    private final StreamSlot slot;
    private final LaunchPlan plan;
    private final List<Request> requests;
    private final LoadedKernel kernel;
    private final BatchLayout layout;
    private long copiedUpTo;
    private long packedBytes;
    private long packNanos;

    BatchRun(StreamSlot slot, LaunchPlan plan, List<Request> requests, LoadedKernel kernel) {
        this.slot = slot;
        this.plan = plan;
        this.requests = requests;
        this.kernel = kernel;
        this.layout = BatchLayout.of(plan);
    }

    /**
     * Packs the batch into the slot's staging arena (allocating the slot's buffers as needed); the slot
     * must be idle. With {@code queueCopies}, the copies of packed groups are queued on the way.
     */
    BatchRun pack(boolean queueCopies) {
        slot.context().makeCurrent();
        slot.ensureCapacity(layout);
        PinnedBuffer in = slot.hostIn();
        int qTok = plan.spec().qTokenBytes();
        int kvTok = plan.spec().kvTokenBytes();
        int n = requests.size();
        long[] q = new long[n];
        long[] k = new long[n];
        long[] v = new long[n];
        for (int r = 0; r < n; r++) {
            q[r] = layout.q() + (long) plan.qOffset(r) * qTok;
            k[r] = layout.k() + plan.kvOffset(r) * kvTok;
            v[r] = layout.v() + plan.kvOffset(r) * kvTok;
        }
        pack(requests.stream().map(Request::q).toList(), q, queueCopies);
        pack(requests.stream().map(Request::k).toList(), k, queueCopies);
        pack(requests.stream().map(Request::v).toList(), v, queueCopies);
        putTable(in, layout.masks(), plan.maskTable());
        putTable(in, layout.requests(), plan.requestTable());
        putTable(in, layout.work(), plan.workTable());
        putTable(in, layout.merge(), plan.mergeTable());
        return this;
    }

    /** Queues the rest of the copy in, the launches and the copy out, after {@link #pack}. */
    BatchRun submit() {
        slot.context().makeCurrent();
        copyPacked(layout.inBytes(), true);
        CudaStream stream = slot.stream();
        slot.timer().start();
        kernel.launch(plan, layout.buffers(slot.device().address()), stream);
        slot.timer().stop();
        slot.device().copyToHostAsync(layout.out(), slot.hostOut(), 0, layout.outBytes(), stream);
        return this;
    }

    /** Waits for this batch, reports its metrics and returns the outputs in request order. */
    List<byte[]> finish(BackendMetrics metrics) {
        slot.stream().synchronize();
        metrics.launched((long) (slot.timer().elapsedMillis() * 1e6));
        metrics.copied(layout.inBytes() + layout.outBytes());
        metrics.packed(packedBytes, packNanos);
        int qTok = plan.spec().qTokenBytes();
        List<byte[]> outs = new ArrayList<>(requests.size());
        for (int r = 0; r < requests.size(); r++) {
            byte[] out = new byte[requests.get(r).lq() * qTok];
            slot.hostOut().get((long) plan.qOffset(r) * qTok, out, 0, out.length);
            outs.add(out);
        }
        return outs;
    }

    private static void putTable(PinnedBuffer in, long offset, byte[] table) {
        if (table.length > 0) {
            in.put(offset, table, 0, table.length);
        }
    }

    /**
     * Packs {@code sources} at {@code offsets} of the input arena in groups of about
     * {@value #GROUP_BYTES} bytes; with {@code queueCopies}, queueing the host-to-device copy of each group while the
     * next is packed.
     */
    private void pack(List<MemorySegment> sources, long[] offsets, boolean queueCopies) {
        MemorySegment arena = slot.hostIn().segment();
        int start = 0;
        long bytes = 0;
        for (int r = 0; r < sources.size(); r++) {
            bytes += sources.get(r).byteSize();
            if (bytes >= GROUP_BYTES || r == sources.size() - 1) {
                long t0 = System.nanoTime();
                packedBytes += HostPacker.copy(
                        HostPacker.runs(sources.subList(start, r + 1), Arrays.copyOfRange(offsets, start, r + 1)),
                        arena);
                packNanos += System.nanoTime() - t0;
                if (queueCopies) {
                    copyPacked(offsets[r] + sources.get(r).byteSize(), false);
                }
                start = r + 1;
                bytes = 0;
            }
        }
    }

    /** Queues the copy of everything packed since the last piece, once a piece is large enough (or now). */
    private void copyPacked(long packedUpTo, boolean now) {
        if (packedUpTo > copiedUpTo && (now || packedUpTo - copiedUpTo >= COPY_PIECE)) {
            DeviceBuffer dev = slot.device();
            dev.copyFromHostAsync(copiedUpTo, slot.hostIn(), copiedUpTo, packedUpTo - copiedUpTo, slot.stream());
            copiedUpTo = packedUpTo;
        }
    }
}
