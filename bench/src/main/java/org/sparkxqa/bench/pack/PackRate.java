package org.sparkxqa.bench.pack;

import ai.rapids.cudf.PinnedMemoryPool;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import org.sparkxqa.core.Median;
import org.sparkxqa.core.gpu.HostPacker;
import org.sparkxqa.core.gpu.cuda.GpuProbe;
import org.sparkxqa.core.gpu.cuda.PinnedBuffer;

/**
 * Benchmark program: how fast {@link HostPacker} fills a staging buffer, by thread count, for the
 * three shapes a batch's bytes come in: one heap array per request (Spark rows), one heap array for
 * the whole column (an on-heap column vector) and one off-heap buffer (an off-heap column vector or
 * an Arrow buffer). The destination is cuDF's pinned pool when it initialises (a GPU machine), else
 * pageable native memory, as the first line says. Prints GB/s (10^9 bytes) and GB/s per thread,
 * median of the repetitions. Usage: {@code PackRate [MiB per copy, default 1024] [repetitions, 5]}.
 */
public final class PackRate {
    private static final int REQUEST_BYTES = 4 << 20;

    private PackRate() {}

    public static void main(String[] args) {
        long bytes = (args.length > 0 ? Long.parseLong(args[0]) : 1024) << 20;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (Arena arena = Arena.ofShared();
                PinnedBuffer staging = staging(bytes)) {
            System.out.printf(
                    "destination: %s, %d MiB per copy, %d cores%n",
                    staging.pinned() ? "pinned (cuDF pool)" : "pageable native",
                    bytes >> 20,
                    Runtime.getRuntime().availableProcessors());
            List<byte[]> rows = new ArrayList<>();
            for (long at = 0; at < bytes; at += REQUEST_BYTES) {
                rows.add(new byte[REQUEST_BYTES]);
            }
            List<MemorySegment> perRow =
                    rows.stream().map(MemorySegment::ofArray).toList();
            MemorySegment heapColumn = MemorySegment.ofArray(new byte[Math.toIntExact(bytes)]);
            MemorySegment offHeapColumn = arena.allocate(bytes, 64).fill((byte) 1);
            System.out.println("source                    threads   GB/s  GB/s/thread");
            for (int threads = 1; threads <= Runtime.getRuntime().availableProcessors(); threads *= 2) {
                try (ForkJoinPool pool = new ForkJoinPool(threads)) {
                    print("one array per request", threads, rate(perRow, staging.segment(), pool, reps));
                    print("one heap column", threads, rate(slices(heapColumn), staging.segment(), pool, reps));
                    print("one off-heap column", threads, rate(slices(offHeapColumn), staging.segment(), pool, reps));
                }
            }
        }
    }

    private static PinnedBuffer staging(long bytes) {
        GpuProbe.Result gpu = GpuProbe.probe();
        if (gpu.available()) {
            PinnedMemoryPool.initialize(bytes + (64L << 20));
        } else {
            System.out.println("no GPU (" + gpu.reason() + "): pageable memory instead of pinned");
        }
        return PinnedBuffer.allocate(bytes);
    }

    /** A column as its requests' consecutive values, which the packer merges back into one run. */
    private static List<MemorySegment> slices(MemorySegment column) {
        List<MemorySegment> values = new ArrayList<>();
        for (long at = 0; at < column.byteSize(); at += REQUEST_BYTES) {
            values.add(column.asSlice(at, Math.min(REQUEST_BYTES, column.byteSize() - at)));
        }
        return values;
    }

    private static double rate(List<MemorySegment> sources, MemorySegment dst, ForkJoinPool pool, int reps) {
        long[] offsets = new long[sources.size()];
        for (int i = 1; i < offsets.length; i++) {
            offsets[i] = offsets[i - 1] + sources.get(i - 1).byteSize();
        }
        List<HostPacker.Run> runs = HostPacker.runs(sources, offsets);
        double[] seconds = new double[reps];
        long copied = 0;
        for (int r = -1; r < reps; r++) {
            long t = System.nanoTime();
            copied = HostPacker.copy(runs, dst, pool);
            if (r >= 0) {
                seconds[r] = (System.nanoTime() - t) * 1e-9;
            }
        }
        return copied / Median.of(seconds) / 1e9;
    }

    private static void print(String source, int threads, double gbps) {
        System.out.printf(Locale.ROOT, "%-25s %7d %6.1f %8.1f%n", source, threads, gbps, gbps / threads);
    }
}
