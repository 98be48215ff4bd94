package org.sparkxqa.core.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.Request;

/**
 * The reference backend: docs/DESIGN.md §1 in plain Java, fp32 accumulation, work split over
 * (request, KV head) pairs on its own fork-join pool. Thread-safe; {@link #close} stops the pool.
 */
public final class CpuBackend implements AttentionBackend {
    private final ForkJoinPool pool;

    /** A backend using all available processors. */
    public CpuBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** A backend using {@code threads} worker threads (at least 1). */
    public CpuBackend(int threads) {
        this.pool = new ForkJoinPool(Math.max(1, threads));
    }

    @Override
    public String name() {
        return "cpu (" + pool.getParallelism() + " threads)";
    }

    @Override
    public List<byte[]> attend(AttentionSpec spec, List<Request> requests) {
        List<float[]> queries = new ArrayList<>(requests.size());
        List<float[]> outs = new ArrayList<>(requests.size());
        for (Request r : requests) {
            queries.add(spec.qType().decodeAll(r.q()));
            outs.add(new float[r.lq() * spec.qHeads() * spec.headDim()]);
        }
        int heads = spec.kvHeads();
        pool.submit(() -> IntStream.range(0, requests.size() * heads).parallel().forEach(task -> {
                    int r = task / heads;
                    new HeadAttention(spec, requests.get(r), task % heads).run(queries.get(r), outs.get(r));
                }))
                .join();
        List<byte[]> result = new ArrayList<>(outs.size());
        for (float[] out : outs) {
            result.add(spec.qType().encodeAll(out));
        }
        return result;
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
