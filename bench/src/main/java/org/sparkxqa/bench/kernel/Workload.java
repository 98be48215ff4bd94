package org.sparkxqa.bench.kernel;

import java.util.ArrayList;
import java.util.List;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;

/**
 * One kernel benchmark shape: {@code batch} requests of {@code lq} draft tokens (a random tree) and
 * {@code lk} keys each, q/out in {@code qType} (bf16 unless {@code KernelBench --q-type} says), head dim
 * 128, K/V in {@code kvType} (bf16, or fp8 with the K/V scales {@link #FP8_SCALE}). Immutable.
 */
record Workload(int batch, int qHeads, int kvHeads, int lq, int lk, ElementType kvType, ElementType qType) {
    /** Head dim of every workload. */
    static final int HEAD_DIM = 128;
    /**
     * K and V scales of the fp8 workloads: N(0, 1) values stored as value / scale, so about 4.5 sigma
     * lands at e4m3's largest finite value, 448.
     */
    static final float FP8_SCALE = 0.01f;

    /** The standard set, bf16 K/V (the kernel engineer's bench.py uses the same). */
    static final List<Workload> STANDARD = List.of(
            new Workload(32, 32, 8, 8, 4096),
            new Workload(1, 64, 8, 8, 32768),
            new Workload(128, 32, 8, 4, 1024),
            new Workload(64, 16, 16, 4, 2048),
            new Workload(16, 64, 8, 16, 8192),
            new Workload(8, 32, 8, 64, 16384));

    /** Every workload: {@link #STANDARD} (indexes 0..5), then the same shapes with e4m3 K/V (6..11). */
    static final List<Workload> ALL = all();

    /** A bf16 workload. */
    Workload(int batch, int qHeads, int kvHeads, int lq, int lk) {
        this(batch, qHeads, kvHeads, lq, lk, ElementType.BF16);
    }

    /** bf16 q/out, K/V in {@code kvType}. */
    Workload(int batch, int qHeads, int kvHeads, int lq, int lk, ElementType kvType) {
        this(batch, qHeads, kvHeads, lq, lk, kvType, ElementType.BF16);
    }

    /** The same shape and K/V with q/out in {@code type}. */
    Workload withQType(ElementType type) {
        return new Workload(batch, qHeads, kvHeads, lq, lk, kvType, type);
    }

    private static List<Workload> all() {
        List<Workload> all = new ArrayList<>(STANDARD);
        STANDARD.forEach(w -> all.add(new Workload(w.batch, w.qHeads, w.kvHeads, w.lq, w.lk, ElementType.E4M3)));
        return List.copyOf(all);
    }

    AttentionSpec spec() {
        AttentionSpec spec = AttentionSpec.of(qType, qHeads, kvHeads, HEAD_DIM).withKvType(kvType);
        return kvType.isFp8() ? spec.withKvScales(FP8_SCALE, FP8_SCALE) : spec;
    }

    /** {@code B=32 Hq/Hkv=32/8 Lq=8 Lk=4096}, with {@code kv=e4m3} for fp8 K/V and {@code q=fp16} for fp16 q. */
    String label() {
        return "B=" + batch + " Hq/Hkv=" + qHeads + "/" + kvHeads + " Lq=" + lq + " Lk=" + lk
                + (kvType.isFp8() ? " kv=" + kvType.sqlName() : "")
                + (qType != ElementType.BF16 ? " q=" + qType.sqlName() : "");
    }

    /** File-name friendly label, e.g. {@code b32_h32x8_q8_k4096}, {@code b32_h32x8_q8_k4096_e4m3_qfp16}. */
    String id() {
        return "b" + batch + "_h" + qHeads + "x" + kvHeads + "_q" + lq + "_k" + lk
                + (kvType.isFp8() ? "_" + kvType.sqlName() : "")
                + (qType != ElementType.BF16 ? "_q" + qType.sqlName() : "");
    }

    /** K and V bytes the kernel must read at least once, at {@code kvType.bytes()} per element. */
    long kvBytes() {
        return 2L * batch * lk * kvHeads * HEAD_DIM * kvType.bytes();
    }

    /** Matrix flops if every query row met every key: {@code 4 * B * Hq * Lq * Lk * D}. */
    double flops() {
        return 4.0 * batch * qHeads * lq * (double) lk * HEAD_DIM;
    }
}
