package org.sparkxqa.core.gpu.kernel;

import org.sparkxqa.core.gpu.target.KernelVariant;

/**
 * The compile-time geometry of one kernel variant, mirrored from {@code xqa_abi.cuh}. The compiled
 * module reports the same numbers through its {@code xqa_describe} entry; {@link #check} compares
 * them, so a source change that the host does not know about fails loudly instead of corrupting
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
  public static final int ABI_VERSION = 5;
  /** Threads of one warpgroup: an attention block is one, or (sm_90a) one per {@link #qRowUnit} shared Q rows. */
  public static final int WARPGROUP_THREADS = 128;
  /** Rows one merge CTA combines (one per warp). */
  public static final int MERGE_ROWS = 4;
  /** Threads per merge CTA. */
  public static final int MERGE_THREADS = 128;
  /** Bytes of one request-table entry ({@code XqaRequest}). */
  public static final int REQUEST_BYTES = 32;
  /** Bytes of one work item ({@code XqaWork}). */
  public static final int WORK_BYTES = 16;
  /** Bytes of one merge item ({@code XqaMergeItem}). */
  public static final int MERGE_ITEM_BYTES = 8;
  /** Deepest cp.async pipeline (stages of K and V tiles) the kernel takes; 2 is the least. */
  public static final int MAX_STAGES = 8;
  /** Shared memory after the Q rows: one 8-byte mbarrier per possible stage (TMA loads). */
  public static final int BARRIER_BYTES = 8 * MAX_STAGES;
  /** Number of ints {@code xqa_describe} writes: 17 the host checks, three per-target flags, one more checked. */
  public static final int DESCRIBE_INTS = 21;
  /** Index of the describe flag "K/V tiles load through tensor maps" (sm_90a). */
  public static final int DESCRIBE_TENSOR_MAPS = 17;
  /** Index of the describe flag "the merge waits for the attention grid" (sm_90+: dependent launch). */
  public static final int DESCRIBE_DEPENDENT_MERGE = 18;
  /**
   * Index of the describe flag "one warpgroup per M tile" (sm_90a): a launch's block has a warpgroup
   * per {@link #qRowUnit} rows of its shared Q; otherwise every block is one warpgroup.
   */
  public static final int DESCRIBE_WARPGROUP_PER_M_TILE = 19;
  /** Index of {@code CONVERT_BYTES}: the 16-bit tiles an fp8 variant converts each stage into (0 otherwise). */
  public static final int DESCRIBE_CONVERT_BYTES = 20;

  /** The geometry the sources use for {@code variant}. */
  public static KernelGeometry of(KernelVariant variant) {
    int d = variant.headDim();
    return new KernelGeometry(d, 64, d == 256 ? 64 : 128, 64, d == 256 ? 1 : 2, variant.kvType().bytes());
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
   * Compares with what a compiled module's {@code xqa_describe} wrote.
   *
   * @throws IllegalStateException naming the first field that differs
   */
  public void check(KernelVariant variant, int[] describe) {
    if (describe.length < DESCRIBE_INTS) {
      throw new IllegalStateException("xqa_describe gave " + describe.length + " ints, expected " + DESCRIBE_INTS);
    }
    int threads = maxThreads(describe[DESCRIBE_WARPGROUP_PER_M_TILE] == 1);
    int[] expected = {ABI_VERSION, variant.qType().ordinal(), variant.kvType().ordinal(), headDim, variant.group(),
        threads, ctaRows, tileKeys, MAX_STAGES, stageBytes(), rowBytes(), MERGE_ROWS, REQUEST_BYTES, WORK_BYTES,
        MERGE_ITEM_BYTES, qRowUnit, BARRIER_BYTES, -1, -1, -1, convertBytes()}; // -1: flags, checked below
    String[] names = {"abi version", "q type", "kv type", "head dim", "group", "threads", "cta rows", "tile keys",
        "max stages", "stage bytes", "row bytes", "merge rows", "request bytes", "work bytes", "merge item bytes",
        "q row unit", "barrier bytes", "", "", "", "convert bytes"};
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] != -1 && describe[i] != expected[i]) {
        throw new IllegalStateException("kernel " + variant.label() + " reports " + names[i] + " = " + describe[i]
            + " but the host expects " + expected[i] + " (kernel sources and KernelGeometry disagree)");
      }
    }
    for (int i : new int[] {DESCRIBE_TENSOR_MAPS, DESCRIBE_DEPENDENT_MERGE, DESCRIBE_WARPGROUP_PER_M_TILE}) {
      if (describe[i] != 0 && describe[i] != 1) {
        throw new IllegalStateException("kernel " + variant.label() + " reports flag " + i + " = " + describe[i]
            + ", expected 0 or 1");
      }
    }
  }
}
