package org.sparkxqa.core.gpu;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Copies request bytes into a staging arena as few, large copies: sources that lie back to back in
 * memory (consecutive values of one column vector, or of one Arrow/cuDF buffer) and go to consecutive
 * places become one run, and a large group of runs is cut into pieces copied on several threads.
 * {@code MemorySegment.copy} is the JDK's bulk copy (heap arrays and native memory alike), so a run
 * costs one memcpy whatever its rows. Thread-safe: the copy threads are one JVM-wide daemon pool.
 *
 * <p>Low-level: the GPU backend packs its batches with it; {@link #runs} and
 * {@link #copy(List, MemorySegment, ForkJoinPool)} are public for the packing benchmark
 * ({@code org.sparkxqa.bench.pack.PackRate}), which times the copy by thread count.
 */
public final class HostPacker {
    /** Pieces of a group are at least this large; smaller groups are copied on the calling thread. */
    static final long PIECE_BYTES = 4L << 20;
    /** Copy threads: enough to outrun PCIe with memcpy at ~10 GB/s per thread, leaving cores for Spark. */
    static final int THREADS = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors() / 2));

    private static final ForkJoinPool POOL = new ForkJoinPool(
            THREADS,
            pool -> {
                var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                t.setDaemon(true);
                t.setName("xqa-pack-" + t.getPoolIndex());
                return t;
            },
            null,
            false);

    private HostPacker() {}

    /** One copy: {@code source} to {@code offset} of the arena. */
    public record Run(MemorySegment source, long offset) {
        long end() {
            return offset + source.byteSize();
        }

        Run withSource(MemorySegment s) {
            return new Run(s, offset);
        }
    }

    /** The runs of {@code sources} placed at {@code offsets}, merging neighbours in both memories. */
    public static List<Run> runs(List<MemorySegment> sources, long[] offsets) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            MemorySegment s = sources.get(i);
            if (s.byteSize() == 0) {
                continue;
            }
            Run last = runs.isEmpty() ? null : runs.getLast();
            MemorySegment merged = last != null && last.end() == offsets[i] ? adjacent(last.source(), s) : null;
            runs.add(merged != null ? runs.removeLast().withSource(merged) : new Run(s, offsets[i]));
        }
        return runs;
    }

    /** Copies every run into {@code arena} (a native segment); returns the bytes copied. */
    static long copy(List<Run> runs, MemorySegment arena) {
        return copy(runs, arena, POOL);
    }

    /** {@link #copy(List, MemorySegment)} on the threads of {@code pool} (the packing benchmark's knob). */
    public static long copy(List<Run> runs, MemorySegment arena, ForkJoinPool pool) {
        long bytes = runs.stream().mapToLong(r -> r.source().byteSize()).sum();
        if (bytes < 2 * PIECE_BYTES || pool.getParallelism() == 1) {
            runs.forEach(r -> MemorySegment.copy(
                    r.source(), 0, arena, r.offset(), r.source().byteSize()));
            return bytes;
        }
        List<Run> pieces = new ArrayList<>();
        for (Run r : runs) {
            for (long at = 0; at < r.source().byteSize(); at += PIECE_BYTES) {
                long n = Math.min(PIECE_BYTES, r.source().byteSize() - at);
                pieces.add(new Run(r.source().asSlice(at, n), r.offset() + at));
            }
        }
        pool.submit(() -> pieces.parallelStream()
                        .forEach(p -> MemorySegment.copy(
                                p.source(), 0, arena, p.offset(), p.source().byteSize())))
                .join();
        return bytes;
    }

    /** {@code a} and {@code b} as one segment when {@code b} starts where {@code a} ends, else null. */
    static MemorySegment adjacent(MemorySegment a, MemorySegment b) {
        if (a.isNative() != b.isNative() || a.address() + a.byteSize() != b.address()) {
            return null;
        }
        if (a.isNative()) {
            return MemorySegment.ofAddress(a.address()).reinterpret(a.byteSize() + b.byteSize());
        }
        Object base = a.heapBase().orElse(null);
        if (!(base instanceof byte[] array) || b.heapBase().orElse(null) != base || a.isReadOnly() != b.isReadOnly()) {
            return null;
        }
        return MemorySegment.ofArray(array).asSlice(a.address(), a.byteSize() + b.byteSize());
    }
}
