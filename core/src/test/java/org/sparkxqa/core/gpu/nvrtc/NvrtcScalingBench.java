package org.sparkxqa.core.gpu.nvrtc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sparkxqa.core.gpu.target.SmArch;

/**
 * Benchmark program (not a test): do concurrent NVRTC compiles in one process scale, or do they need
 * separate processes? {@code NvrtcScalingBench [jobs] [unroll]} compiles {@code jobs} copies of a
 * synthetic kernel with 1 thread, with {@code jobs} threads, and in {@code jobs} child JVMs.
 */
public final class NvrtcScalingBench {
    private NvrtcScalingBench() {}

    static ProgramSource kernel(int unroll) {
        return new ProgramSource("bench.cu", """
        template<int N> __device__ float f(float x) {
          float y = x;
        #pragma unroll
          for (int i = 0; i < N; i++) { y = y * 1.0001f + __sinf(y * i) * XQA_GROUP; }
          return y + f<N - 1>(x * 0.5f);
        }
        template<> __device__ float f<0>(float x) { return x; }
        extern "C" __global__ void k(float* p) { p[threadIdx.x] = f<%d>(p[threadIdx.x]); }
        """.formatted(unroll), Map.of());
    }

    static long compileMillis(Nvrtc nvrtc, int unroll, int group) {
        long t0 = System.nanoTime();
        nvrtc.compile(kernel(unroll), CompileOptions.of(SmArch.SM_90, Map.of("XQA_GROUP", group)));
        return (System.nanoTime() - t0) / 1_000_000;
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int unroll = args.length > 1 ? Integer.parseInt(args[1]) : 48;
        Nvrtc nvrtc = Nvrtc.load(null);
        if (args.length > 2) {
            System.out.println(compileMillis(nvrtc, unroll, Integer.parseInt(args[2])));
            return;
        }
        System.out.println("warm-up compile: " + compileMillis(nvrtc, unroll, 99) + " ms; " + nvrtc.description());
        for (int threads : new int[] {1, jobs}) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long t0 = System.nanoTime();
            List<Future<Long>> each = new ArrayList<>();
            for (int j = 0; j < jobs; j++) {
                int g = j + 1;
                each.add(pool.submit(() -> compileMillis(nvrtc, unroll, g)));
            }
            List<Long> ms = new ArrayList<>();
            for (Future<Long> f : each) {
                ms.add(f.get());
            }
            pool.shutdown();
            System.out.printf(
                    "%d compiles on %2d threads: wall %d ms, each %s%n",
                    jobs, threads, (System.nanoTime() - t0) / 1_000_000, ms);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        long t0 = System.nanoTime();
        List<Process> procs = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            procs.add(new ProcessBuilder(
                            java,
                            "--enable-native-access=ALL-UNNAMED",
                            "-cp",
                            System.getProperty("java.class.path"),
                            NvrtcScalingBench.class.getName(),
                            "1",
                            String.valueOf(unroll),
                            String.valueOf(j + 1))
                    .redirectErrorStream(true)
                    .start());
        }
        List<String> ms = new ArrayList<>();
        for (Process p : procs) {
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            ms.add(out.substring(out.lastIndexOf('\n') + 1));
        }
        System.out.printf(
                "%d compiles in %2d processes: wall %d ms (JVM start included), each %s%n",
                jobs, jobs, (System.nanoTime() - t0) / 1_000_000, ms);
    }
}
