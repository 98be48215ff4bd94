package org.sparkxqa.core.gpu.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.gpu.target.KernelVariant;

/**
 * Everything one launch of the spec-dec kernel needs on the host, built and checked before any
 * device work: the packed tables (requests, work items, merge items, draft masks; little-endian,
 * laid out as in {@code xqa_abi.cuh}), the sizes of every device buffer and the launch shapes.
 * The K/V split of a request depends only on that request and the spec ({@link SplitSize}), so
 * outputs are batch invariant. Immutable; the table arrays are owned by the plan and must not be
 * modified.
 */
public final class LaunchPlan {
    /** Largest grid.y (KV heads). */
    static final int MAX_GRID_Y = 65535;
    /** Largest number of query tokens in one batch: the kernel indexes them with 32-bit ints. */
    static final int MAX_Q_TOKENS = Integer.MAX_VALUE - 2 * AttentionSpec.MAX_Q_LEN;
    /** Largest number of K/V tokens in one batch: tensor-map coordinates are 32-bit ints. */
    static final long MAX_KV_TOKENS = Integer.MAX_VALUE - 1024L;

    final AttentionSpec spec;
    final KernelVariant variant;
    final KernelGeometry geometry;
    final LaunchTables tables;
    final int stages;

    private LaunchPlan(AttentionSpec spec, LaunchTables tables, DeviceLimits limits) {
        this.spec = spec;
        this.variant = KernelVariant.of(spec);
        this.geometry = KernelGeometry.of(variant);
        this.tables = tables;
        this.stages = geometry.stages(tables.maxRows, limits);
    }

    /** Plans a batch of validated requests for a device with the given limits. */
    public static LaunchPlan of(AttentionSpec spec, List<Request> requests, DeviceLimits limits) {
        return ofShapes(spec, requests.stream().map(RequestShape::of).toList(), limits);
    }

    /** {@link #ofShapes(AttentionSpec, List, DeviceLimits)} for an sm_90 device. */
    public static LaunchPlan ofShapes(AttentionSpec spec, List<RequestShape> shapes) {
        return ofShapes(spec, shapes, DeviceLimits.SM90);
    }

    /**
     * Plans a batch from request shapes.
     *
     * @throws IllegalArgumentException when the batch is empty or a total or size does not fit the
     *     kernel's index types (the message says which; split the batch)
     */
    public static LaunchPlan ofShapes(AttentionSpec spec, List<RequestShape> shapes, DeviceLimits limits) {
        return ofPlaced(spec, shapes, null, limits);
    }

    /**
     * Plans a batch whose requests already lie in the caller's buffers at {@code placed}'s offsets
     * (e.g. cuDF columns on the device); qBytes/kvBytes are then the sizes of those buffers. A null
     * placement packs the requests back to back.
     *
     * @throws IllegalArgumentException as {@link #ofShapes(AttentionSpec, List, DeviceLimits)}, or when a
     *     request does not fit its placement
     */
    public static LaunchPlan ofPlaced(
            AttentionSpec spec, List<RequestShape> shapes, RequestPlacement placed, DeviceLimits limits) {
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("a launch plan needs at least one request");
        }
        if (spec.kvHeads() > MAX_GRID_Y) {
            throw new IllegalArgumentException(
                    "Hkv=" + spec.kvHeads() + " is larger than the grid limit " + MAX_GRID_Y);
        }
        KernelGeometry g = KernelGeometry.of(KernelVariant.of(spec));
        return new LaunchPlan(spec, LaunchTables.build(spec, g, shapes, placed), limits);
    }

    public AttentionSpec spec() {
        return spec;
    }

    public KernelVariant variant() {
        return variant;
    }

    public KernelGeometry geometry() {
        return geometry;
    }

    public int requests() {
        return tables.qOffsets.length;
    }

    /** First query token of request r in q/out (and its first mask word). */
    public int qOffset(int r) {
        return tables.qOffsets[r];
    }

    /** First K/V token of request r in k/v. */
    public long kvOffset(int r) {
        return tables.kvOffsets[r];
    }

    public int qTokens() {
        return tables.qTokens;
    }

    public long kvTokens() {
        return tables.kvTokens;
    }

    /** Bytes of q, and of out: {@code qTokens * Hq * D * 2}. */
    public long qBytes() {
        return Math.multiplyExact((long) tables.qTokens, spec.qTokenBytes());
    }

    /** Bytes of k, and of v: {@code kvTokens * Hkv * D * bytes(kv type)} (1 for fp8, 2 otherwise). */
    public long kvBytes() {
        return Math.multiplyExact(tables.kvTokens, spec.kvTokenBytes());
    }

    /** Request table, {@link KernelGeometry#REQUEST_BYTES} per request. */
    public byte[] requestTable() {
        return tables.requests;
    }

    /** Work items (attention CTAs along grid.x), {@link KernelGeometry#WORK_BYTES} each. */
    public byte[] workTable() {
        return tables.work;
    }

    /** Merge items (merge CTAs along grid.x), {@link KernelGeometry#MERGE_ITEM_BYTES} each; may be empty. */
    public byte[] mergeTable() {
        return tables.merge;
    }

    /** Draft masks: one little-endian uint64 per query token. */
    public byte[] maskTable() {
        return tables.masks;
    }

    public int workItems() {
        return tables.work.length / KernelGeometry.WORK_BYTES;
    }

    public int mergeItems() {
        return tables.merge.length / KernelGeometry.MERGE_ITEM_BYTES;
    }

    /** Whether some request has more than one split, so the merge kernel must run. */
    public boolean needsMerge() {
        return tables.merge.length > 0;
    }

    /** Partial rows in the scratch (0 when no request is split). */
    public long scratchRows() {
        return tables.scratchRows;
    }

    /** Bytes of the fp32 partial outputs: scratchRows * D * 4 (allocate at least 1). */
    public long scratchOBytes() {
        return Math.multiplyExact(tables.scratchRows, (long) spec.headDim() * 4);
    }

    /** Bytes of the (max, sum) pairs: scratchRows * 8. */
    public long scratchMlBytes() {
        return Math.multiplyExact(tables.scratchRows, 8L);
    }

    /** Largest Lq * G of the batch. */
    public int maxRows() {
        return tables.maxRows;
    }

    /** Attention grid {x, y, z}. */
    public int[] attentionGrid() {
        return new int[] {workItems(), spec.kvHeads(), 1};
    }

    /**
     * Attention block {x, y, z}: one warpgroup, or with {@code warpgroupPerMTile} (what the module's
     * {@code xqa_describe} says) one per 64 rows of the batch's largest request, at most a CTA's rows.
     */
    public int[] attentionBlock(boolean warpgroupPerMTile) {
        return new int[] {geometry.blockThreads(tables.maxRows, warpgroupPerMTile), 1, 1};
    }

    /** cp.async pipeline depth passed to the attention kernel (timing only; no output bit depends on it). */
    public int stages() {
        return stages;
    }

    /** Dynamic shared memory of the attention kernel (set the function's limit to at least this). */
    public int attentionSmemBytes() {
        return geometry.smemBytes(tables.maxRows, stages);
    }

    /** Merge grid {x, y, z}; only meaningful when {@link #needsMerge()}. */
    public int[] mergeGrid() {
        return new int[] {mergeItems(), spec.kvHeads(), 1};
    }

    public int[] mergeBlock() {
        return new int[] {KernelGeometry.MERGE_THREADS, 1, 1};
    }

    /**
     * The score factor in log2 units, {@code (scale * kScale) * log2(e)}: {@code scale * kScale} is
     * rounded to fp32 once ({@link AttentionSpec#scoreScale}, docs/fp8.md), then taken to log2 units.
     */
    public float scaleLog2() {
        return (float) (spec.scoreScale() * (1.0 / Math.log(2.0)));
    }

    /** The factor of the output, {@code vScale}: {@code out = vScale * sum_j p_j * v_stored[j]}. */
    public float vScale() {
        return spec.vScale();
    }

    static ByteBuffer le(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
