package org.sparkxqa.bench.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparkxqa.core.ElementType;

/**
 * Parsed arguments of {@link KernelBench}. Immutable.
 *
 * @param iters timed launches per workload (median reported)
 * @param warmup untimed launches first
 * @param dumpDir where to write each workload's inputs and a manifest; null for none
 * @param only workload indexes to run; empty for all
 * @param nvrtcPath libnvrtc file or folder; null for the standard search
 * @param jitDir JIT disk cache root; null for the default
 * @param qType q/out type of every workload: bf16, or fp16 (fp8 K/V then multiply in fp16)
 */
record BenchArgs(
        int iters, int warmup, Path dumpDir, List<Integer> only, String nvrtcPath, Path jitDir, ElementType qType) {
    static final String USAGE = """
      usage: KernelBench [--iters N] [--warmup N] [--only 0,2,5] [--q-type bf16|fp16] [--dump-inputs DIR]
                         [--nvrtc-path P] [--jit-dir D]
        --iters        timed launches per workload, median reported (default 50)
        --warmup       untimed launches before timing (default 2000: they also bring the JVM's launch path
                       to its compiled speed, so the host keeps ahead of the GPU)
        --only         workload indexes (default: all %d; 0-5 bf16 K/V, 6-11 the same shapes with e4m3 K/V)
        --q-type       q/out of every workload (default bf16); fp16 shows what fp8 K/V cost when the MMAs
                       run in fp16 (one conversion per pair of codes); not with --dump-inputs (the peers
                       script reads bf16 q)
        --dump-inputs  write each workload's q/k/v/out, its plan (PLAN_FORMAT.md) and manifest.json for
                       scripts/kernel_peers.py
      """.formatted(Workload.ALL.size());

    static BenchArgs parse(String[] args) {
        int iters = 50;
        int warmup = 2000;
        Path dump = null;
        List<Integer> only = new ArrayList<>();
        String nvrtc = null;
        Path jit = null;
        ElementType qType = ElementType.BF16;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--iters" -> iters = positive(value(args, ++i, a), a);
                case "--warmup" -> warmup = positive(value(args, ++i, a), a);
                case "--dump-inputs" -> dump = Path.of(value(args, ++i, a));
                case "--nvrtc-path" -> nvrtc = value(args, ++i, a);
                case "--jit-dir" -> jit = Path.of(value(args, ++i, a));
                case "--q-type" -> qType = qType(value(args, ++i, a));
                case "--only" -> {
                    for (String s : value(args, ++i, a).split(",")) {
                        int n = Integer.parseInt(s.trim());
                        if (n < 0 || n >= Workload.ALL.size()) {
                            throw new IllegalArgumentException("--only: no workload " + n);
                        }
                        only.add(n);
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        if (dump != null && qType != ElementType.BF16) {
            throw new IllegalArgumentException(
                    "--dump-inputs needs bf16 q (the peers script reads bf16), got --q-type " + qType.sqlName());
        }
        return new BenchArgs(iters, warmup, dump, List.copyOf(only), nvrtc, jit, qType);
    }

    /** Workload {@code n} of {@link Workload#ALL} with this run's q type. */
    Workload workload(int n) {
        return Workload.ALL.get(n).withQType(qType);
    }

    private static ElementType qType(String text) {
        ElementType t = ElementType.parse(text);
        if (t != ElementType.BF16 && t != ElementType.FP16) {
            throw new IllegalArgumentException("--q-type must be bf16 or fp16, got " + text);
        }
        return t;
    }

    /** The workloads to run, with their indexes in {@link Workload#ALL}. */
    List<Integer> indexes() {
        List<Integer> all = new ArrayList<>();
        for (int n = 0; n < Workload.ALL.size(); n++) {
            if (only.isEmpty() || only.contains(n)) {
                all.add(n);
            }
        }
        return all;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String text, String option) {
        int n = Integer.parseInt(text);
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be >= 1");
        }
        return n;
    }
}
