package org.sparkxqa.bench.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparkxqa.core.DraftMask;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Median;
import org.sparkxqa.core.gpu.GpuBackend;
import org.sparkxqa.core.gpu.GpuOptions;
import org.sparkxqa.core.gpu.KernelLauncher;
import org.sparkxqa.core.gpu.cuda.CudaStream;
import org.sparkxqa.core.gpu.cuda.PinnedBuffer;
import org.sparkxqa.core.gpu.jit.KernelSourceLoader;
import org.sparkxqa.core.gpu.kernel.LaunchPlan;
import org.sparkxqa.core.gpu.kernel.RequestShape;
import org.sparkxqa.core.gpu.kernel.SplitSize;
import org.sparkxqa.core.gpu.nvrtc.Nvrtc;
import org.sparkxqa.core.gpu.target.KernelVariant;

/**
 * Kernel benchmark ({@code xqa bench kernel}): for each {@link Workload#ALL} workload (bf16 K/V, then e4m3), inputs
 * already on the device, the median time of the attention (+ merge) launches by CUDA events over
 * {@code --iters} launches after {@code --warmup}, and the host's cost to enqueue one ({@link LaunchTimes});
 * achieved K/V GB/s; a device-to-device copy rate
 * measured in the same run as the bandwidth floor (a 1 GiB copy), and a copy moving each workload's own
 * K/V bytes; JIT cold-compile and disk-cache load time per
 * variant. {@code --dump-inputs DIR} writes each workload's exact inputs and our output with a
 * {@code manifest.json}, for {@code scripts/kernel_peers.py} to run torch SDPA and FlexAttention on
 * the same data in the same device session. Prints a markdown table last; exit code 0 on success.
 */
public final class KernelBench {
    private KernelBench() {}

    public static void main(String[] argv) throws Exception {
        BenchArgs args;
        try {
            args = BenchArgs.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("KernelBench: " + e.getMessage() + "\n" + BenchArgs.USAGE);
            System.exit(2);
            return;
        }
        GpuOptions options = GpuOptions.defaults()
                .withNvrtcPath(args.nvrtcPath())
                .withJitCacheDir(args.jitDir())
                .withWarmup(args.indexes().stream()
                        .map(n -> args.workload(n).spec())
                        .toList());
        try (GpuBackend gpu = GpuBackend.open(options);
                CudaStream stream = CudaStream.create(KernelLauncher.of(gpu).context())) {
            KernelLauncher launcher = KernelLauncher.of(gpu);
            System.out.println("device: " + gpu.device());
            double copyRate = CopyRate.measure(launcher.context(), stream, 1L << 30, 10);
            System.out.printf(Locale.ROOT, "device-to-device copy: %.0f GB/s (read + write)%n", copyRate / 1e9);
            if (!"1".equals(System.getenv("CUDA_CACHE_DISABLE"))) {
                System.out.println("note: NVRTC 13 caches compiles through the driver's compute cache; run with "
                        + "CUDA_CACHE_DISABLE=1 for true cold-compile times");
            }
            List<BenchResult> results = new ArrayList<>();
            for (int n : args.indexes()) {
                results.add(run(launcher, stream, n, args.workload(n), args));
                System.out.println(BenchResult.table(List.of(results.getLast()), copyRate)
                        .lines()
                        .skip(2)
                        .findFirst()
                        .orElse(""));
            }
            List<JitTimes.Row> jit = JitTimes.measure(
                    KernelSourceLoader.kernel().orElseThrow(),
                    Nvrtc.load(args.nvrtcPath()),
                    gpu.device().arch(),
                    jitVariants(args));
            StringBuilder jitTable = new StringBuilder(
                    "| variant | cold NVRTC compile ms | disk-cache load ms | CUBIN KB |\n" + "|---|---|---|---|\n");
            jit.forEach(r -> jitTable.append(String.format(
                    Locale.ROOT,
                    "| %s | %.0f | %.2f | %.0f |%n",
                    r.variant(),
                    r.compileMs(),
                    r.diskLoadMs(),
                    r.cubinBytes() / 1024.0)));
            if (args.dumpDir() != null) {
                writeManifest(args.dumpDir(), gpu, copyRate, results, jit);
            }
            System.out.println();
            System.out.println(jitTable);
            System.out.println(BenchResult.table(results, copyRate));
        }
    }

    private static BenchResult run(KernelLauncher launcher, CudaStream stream, int index, Workload w, BenchArgs args)
            throws Exception {
        try (DeviceInputs in = new DeviceInputs(w, launcher.deviceLimits(), stream, 1000 + index)) {
            LaunchPlan plan = in.plan;
            List<Float> ms = LaunchTimes.gpuMs(launcher, stream, plan, in.buffers, args.warmup(), args.iters());
            double hostMs = LaunchTimes.hostMs(launcher, stream, plan, in.buffers, args.iters());
            if (hostMs > 0.8 * Median.of(ms)) {
                System.out.printf(
                        Locale.ROOT,
                        "warning: the host takes %.1f us to enqueue one launch, close to or above its "
                                + "GPU time (%.1f us): the GPU may have waited for the host inside the timed pairs%n",
                        hostMs * 1e3,
                        Median.of(ms) * 1e3);
            }
            int splitTokens = SplitSize.tokens(w.lq() * w.spec().group());
            int splits = new RequestShape(w.lq(), w.lk(), DraftMask.chain(w.lq())).splits(0, splitTokens);
            double sameSizeCopy = CopyRate.measure(launcher.context(), stream, w.kvBytes() / 2, 10);
            BenchResult r = new BenchResult(
                    index,
                    w,
                    Median.of(ms),
                    ms.stream().mapToDouble(Float::doubleValue).min().orElseThrow(),
                    hostMs,
                    plan.workItems() * w.kvHeads(),
                    splits,
                    splitTokens,
                    sameSizeCopy);
            if (args.dumpDir() != null) {
                in.dump(args.dumpDir().resolve(w.id()), readOut(in, stream));
            }
            return r;
        }
    }

    private static byte[] readOut(DeviceInputs in, CudaStream stream) {
        int bytes = Math.toIntExact(in.plan.qBytes());
        try (PinnedBuffer host = PinnedBuffer.allocate(bytes)) {
            in.copyOut(host, stream);
            byte[] out = new byte[bytes];
            host.get(0, out, 0, bytes);
            return out;
        }
    }

    /** The workloads' variants, then bf16 G 4 at the other head dims (D 256 compiles slowest). */
    private static List<KernelVariant> jitVariants(BenchArgs args) {
        List<KernelVariant> variants = new ArrayList<>(args.indexes().stream()
                .map(n -> KernelVariant.of(args.workload(n).spec()))
                .distinct()
                .toList());
        for (int d : new int[] {64, 256}) {
            variants.add(new KernelVariant(ElementType.BF16, ElementType.BF16, d, 4));
        }
        return variants;
    }

    private static void writeManifest(
            Path dir, GpuBackend gpu, double copyRate, List<BenchResult> results, List<JitTimes.Row> jit)
            throws Exception {
        StringBuilder s = new StringBuilder(
                "{\n  \"device\": \"" + gpu.device().toString().replace("\"", "'") + "\",\n");
        s.append(String.format(Locale.ROOT, "  \"copy_bytes_per_s\": %.1f,%n  \"workloads\": [%n", copyRate));
        for (int i = 0; i < results.size(); i++) {
            s.append("    ")
                    .append(results.get(i).json(results.get(i).workload().id()))
                    .append(i + 1 < results.size() ? ",\n" : "\n");
        }
        s.append("  ],\n  \"jit\": [\n");
        for (int i = 0; i < jit.size(); i++) {
            JitTimes.Row r = jit.get(i);
            s.append(String.format(
                    Locale.ROOT,
                    "    {\"variant\": \"%s\", \"compile_ms\": %.1f, \"disk_load_ms\": %.3f, "
                            + "\"cubin_bytes\": %d}%s%n",
                    r.variant(),
                    r.compileMs(),
                    r.diskLoadMs(),
                    r.cubinBytes(),
                    i + 1 < jit.size() ? "," : ""));
        }
        s.append("  ]\n}\n");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("manifest.json"), s.toString());
    }
}
