package org.sparkxqa.bench.kernel;

import java.util.ArrayList;
import java.util.List;
import org.sparkxqa.core.Median;
import org.sparkxqa.core.gpu.KernelLauncher;
import org.sparkxqa.core.gpu.cuda.CudaStream;
import org.sparkxqa.core.gpu.cuda.GpuTimer;
import org.sparkxqa.core.gpu.kernel.DeviceBuffers;
import org.sparkxqa.core.gpu.kernel.LaunchPlan;

/**
 * The two timings of one workload's launches: the GPU time of each launch (CUDA events, queued so the
 * GPU does not wait for the host) and the host's cost to enqueue one (wall clock, with a shallow
 * queue). Only when the second stays below the first do the events measure the GPU alone. Stateless.
 */
final class LaunchTimes {
    /** Launches between synchronisations when the host cost is timed: too few to fill the launch queue. */
    static final int HOST_QUEUE_DEPTH = 4;

    private LaunchTimes() {}

    /**
     * Milliseconds of GPU time of each of {@code iters} launches, after {@code warmup} untimed ones:
     * every timed launch between its own pair of events, all queued without host synchronisation, read
     * after one final sync.
     */
    static List<Float> gpuMs(
            KernelLauncher launcher, CudaStream stream, LaunchPlan plan, DeviceBuffers buffers, int warmup, int iters) {
        List<GpuTimer> timers = new ArrayList<>();
        try {
            for (int i = 0; i < iters; i++) {
                timers.add(new GpuTimer(launcher.context(), stream));
            }
            for (int i = 0; i < warmup; i++) {
                launcher.launch(plan, buffers, stream);
            }
            for (GpuTimer t : timers) {
                t.start();
                launcher.launch(plan, buffers, stream);
                t.stop();
            }
            stream.synchronize();
            List<Float> ms = new ArrayList<>();
            timers.forEach(t -> ms.add(t.elapsedMillis()));
            return ms;
        } finally {
            timers.forEach(GpuTimer::close);
        }
    }

    /**
     * Median milliseconds of host wall time to enqueue one launch and its event pair, as the timed loop
     * of {@link #gpuMs} does, over {@code iters} launches with a sync every {@link #HOST_QUEUE_DEPTH}
     * (so a full launch queue never blocks the host and inflates the figure).
     */
    static double hostMs(
            KernelLauncher launcher, CudaStream stream, LaunchPlan plan, DeviceBuffers buffers, int iters) {
        List<Long> nanos = new ArrayList<>();
        try (GpuTimer t = new GpuTimer(launcher.context(), stream)) {
            for (int i = 0; i < iters; i++) {
                long start = System.nanoTime();
                t.start();
                launcher.launch(plan, buffers, stream);
                t.stop();
                nanos.add(System.nanoTime() - start);
                if (i % HOST_QUEUE_DEPTH == HOST_QUEUE_DEPTH - 1) {
                    stream.synchronize();
                }
            }
            stream.synchronize();
        }
        return Median.of(nanos) / 1e6;
    }
}
