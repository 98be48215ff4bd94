package org.sparkxqa.core.gpu.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkxqa.core.gpu.target.KernelVariant;

/**
 * The compile-time geometry of one kernel variant, mirrored from {@code xqa_abi.cuh}. The compiled
 * module reports the same numbers through its {@code xqa_describe} entry ({@link KernelDescription});
 * {@link #check} compares them field by field, so a source change that the host does not know about fails loudly instead of corrupting
 * memory. Immutable.
 *
 * @param headDim D
 * @param qRowUnit granule of the shared Q rows: a launch reserves the largest request's Lq * G rows
 *     rounded up to a multiple of it (one wgmma M tile, 64), at most {@code ctaRows}
 * @param ctaRows query rows (token-major, head fastest) per attention CTA
 * @param tileKeys keys per shared-memory tile; split sizes must be multiples of it
 * @param ctasPerSm attention CTAs that fit an SM by registers (the shared memory plan aims for it)
 * @param kvBytes bytes of one K/V element in global memory and in a landed stage (1 for fp8, 2 otherwise)
 */
public record KernelGeometry(int headDim, int qRowUnit, int ctaRows, int tileKeys, int ctasPerSm, int kvBytes) {

    /** The ABI version this host code speaks; {@code XQA_ABI_VERSION} in the source. */
    public static final int ABI_VERSION = 6;
    /** Threads of one warpgroup: an attention block is one, or (sm_90a) one per {@link #qRowUnit} shared Q rows. */
    public static final int WARPGROUP_THREADS = 128;
    /** Rows one merge CTA combines (one per warp). */
    public static final int MERGE_ROWS = 4;
    /** Threads per merge CTA. */
    public static final int MERGE_THREADS = 128;
    /** Bytes of one request-table entry ({@code XqaRequest}). */
    public static final int REQUEST_BYTES = (int) AbiLayouts.REQUEST.byteSize();
    /** Bytes of one work item ({@code XqaWork}). */
    public static final int WORK_BYTES = (int) AbiLayouts.WORK.byteSize();
    /** Bytes of one merge item ({@code XqaMergeItem}). */
    public static final int MERGE_ITEM_BYTES = (int) AbiLayouts.MERGE_ITEM.byteSize();
    /** Deepest cp.async pipeline (stages of K and V tiles) the kernel takes; 2 is the least. */
    public static final int MAX_STAGES = 8;
    /** Shared memory after the Q rows: one 8-byte mbarrier per possible stage (TMA loads). */
    public static final int BARRIER_BYTES = 8 * MAX_STAGES;
    /** The per-target flags of {@code XqaDescribe}: 0 or 1, not fixed by the variant. */
    public static final List<String> FLAGS = List.of(
            KernelDescription.TENSOR_MAPS, KernelDescription.DEPENDENT_MERGE, KernelDescription.WARPGROUP_PER_M_TILE);

    /** The geometry the sources use for {@code variant}. */
    public static KernelGeometry of(KernelVariant variant) {
        int d = variant.headDim();
        return new KernelGeometry(
                d,
                64,
                d == 256 ? 64 : 128,
                64,
                d == 256 ? 1 : 2,
                variant.kvType().bytes());
    }

    /** Threads of a CTA with {@link #ctaRows} rows: what the module reports as its most. */
    public int maxThreads(boolean warpgroupPerMTile) {
        return blockThreads(ctaRows, warpgroupPerMTile);
    }

    /** Block threads of a launch whose largest request has {@code maxRows} = Lq * G rows. */
    public int blockThreads(int maxRows, boolean warpgroupPerMTile) {
        return warpgroupPerMTile ? WARPGROUP_THREADS * qSmemRows(maxRows) / qRowUnit : WARPGROUP_THREADS;
    }

    /** Bytes of one row of the 16-bit tiles the MMAs read (K, V or Q): {@code D * 2}. */
    public int rowBytes() {
        return headDim * 2;
    }

    /** Shared memory of one pipeline stage: a K tile and a V tile as they land, {@code kvBytes} per element. */
    public int stageBytes() {
        return 2 * tileKeys * headDim * kvBytes;
    }

    /** fp8 K/V: the 16-bit K and V tiles each landed stage is converted into (after the stages); else 0. */
    public int convertBytes() {
        return kvBytes == 1 ? 2 * tileKeys * rowBytes() : 0;
    }

    /**
     * Shared Q bytes when the largest request has {@code maxRows} = Lq * G rows: that many rows rounded
     * up to a multiple of {@link #qRowUnit}, at most a CTA's {@link #ctaRows}.
     */
    public int qSmemBytes(int maxRows) {
        return qSmemRows(maxRows) * rowBytes();
    }

    private int qSmemRows(int maxRows) {
        return Math.min(ctaRows, (maxRows + qRowUnit - 1) / qRowUnit * qRowUnit);
    }

    /**
     * The deepest pipeline (2..{@link #MAX_STAGES}) that still lets {@link #ctasPerSm} CTAs share an SM.
     *
     * @throws IllegalArgumentException when even two stages exceed the per-block limit
     */
    public int stages(int maxRows, DeviceLimits limits) {
        int q = convertBytes() + qSmemBytes(maxRows) + BARRIER_BYTES;
        if (2 * stageBytes() + q > limits.smemPerBlock()) {
            throw new IllegalArgumentException("head dim " + headDim + " needs " + (2 * stageBytes() + q)
                    + " bytes of shared memory, the device allows " + limits.smemPerBlock());
        }
        int budget = Math.min(limits.smemPerBlock(), limits.smemPerSm() / ctasPerSm - limits.reservedPerBlock());
        int best = 2;
        for (int s = 3; s <= MAX_STAGES; s++) {
            if (s * stageBytes() + q <= budget) {
                best = s;
            }
        }
        return best;
    }

    /** Dynamic shared memory of a launch: {@code stages} K/V stages, fp8's converted tiles, the Q rows, the barriers. */
    public int smemBytes(int maxRows, int stages) {
        return stages * stageBytes() + convertBytes() + qSmemBytes(maxRows) + BARRIER_BYTES;
    }

    /**
     * What a module of {@code variant} must report in each {@code XqaDescribe} field, by field name, given
     * its {@code warpgroup_per_m_tile} flag; the three per-target flags themselves are not in the map.
     */
    public Map<String, Integer> expected(KernelVariant variant, boolean warpgroupPerMTile) {
        Map<String, Integer> e = new LinkedHashMap<>();
        e.put("abi_version", ABI_VERSION);
        e.put("describe_bytes", (int) KernelDescription.LAYOUT.byteSize());
        e.put("q_type", variant.qType().ordinal());
        e.put("kv_type", variant.kvType().ordinal());
        e.put("head_dim", headDim);
        e.put("group", variant.group());
        e.put("threads", maxThreads(warpgroupPerMTile));
        e.put("cta_rows", ctaRows);
        e.put("tile_keys", tileKeys);
        e.put("max_stages", MAX_STAGES);
        e.put("stage_bytes", stageBytes());
        e.put("row_bytes", rowBytes());
        e.put("merge_rows", MERGE_ROWS);
        e.put("request_bytes", REQUEST_BYTES);
        e.put("work_bytes", WORK_BYTES);
        e.put("merge_item_bytes", MERGE_ITEM_BYTES);
        e.put("q_row_unit", qRowUnit);
        e.put("barrier_bytes", BARRIER_BYTES);
        e.put("convert_bytes", convertBytes());
        return e;
    }

    /**
     * Compares with what a compiled module's {@code xqa_describe} wrote.
     *
     * @throws IllegalStateException naming the first field that differs
     */
    public void check(KernelVariant variant, KernelDescription describe) {
        for (String flag : FLAGS) {
            int f = describe.get(flag);
            if (f != 0 && f != 1) {
                throw new IllegalStateException(
                        "kernel " + variant.label() + " reports " + flag + " = " + f + ", expected 0 or 1");
            }
        }
        expected(variant, describe.flag(KernelDescription.WARPGROUP_PER_M_TILE)).forEach((name, value) -> {
            if (describe.get(name) != value) {
                throw new IllegalStateException(
                        "kernel " + variant.label() + " reports " + name + " = " + describe.get(name)
                                + " but the host expects " + value + " (kernel sources and KernelGeometry disagree)");
            }
        });
    }
}
