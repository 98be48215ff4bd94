package org.sparkxqa.core;

import java.io.Serializable;
import java.util.Set;

/**
 * The shape and options shared by every request of a batch: element types, head counts, head dim,
 * softmax scale, sliding window and the K/V dequantisation scales. Immutable and validated on
 * construction; thread-safe.
 *
 * @param qType type of q and out: fp16 or bf16
 * @param kvType type of k and v: fp16, bf16, e4m3 or e5m2
 * @param qHeads query heads {@code Hq}
 * @param kvHeads KV heads {@code Hkv}; {@code Hq % Hkv == 0} and the group {@code Hq / Hkv} is 1..32
 * @param headDim {@code D}, one of {@link #HEAD_DIMS}
 * @param scale softmax scale, finite and positive (default {@code 1/sqrt(D)})
 * @param window sliding window in tokens; 0 means none
 * @param kScale dequantisation scale of k, finite and positive (default 1): a key's real value is its stored
 *     value times {@code kScale}, so scores are {@code scale · kScale · (q · k_stored)}
 * @param vScale dequantisation scale of v, finite and positive (default 1): the output is {@code vScale} times
 *     the softmax-weighted sum of the stored values
 *     <p>Serializable so Spark can ship it to executors; deserialization re-runs the validation.
 */
public record AttentionSpec(
        ElementType qType,
        ElementType kvType,
        int qHeads,
        int kvHeads,
        int headDim,
        float scale,
        int window,
        float kScale,
        float vScale)
        implements Serializable {

    /** Supported head dims. */
    public static final Set<Integer> HEAD_DIMS = Set.of(64, 128, 256);
    /** Largest group size {@code Hq / Hkv}. */
    public static final int MAX_GROUP = 32;
    /** Largest number of query (draft) tokens per request. */
    public static final int MAX_Q_LEN = 64;
    /** Largest number of key/value tokens per request. */
    public static final int MAX_KV_LEN = 1 << 20;

    public AttentionSpec {
        require(qType != null && kvType != null, "element types must be given");
        require(
                !qType.isFp8(),
                "q/out type " + qType.sqlName() + " is not supported: q and out are fp16 or bf16 "
                        + "(fp8 is for k/v only, through kv_type)");
        require(qHeads >= 1 && kvHeads >= 1, "head counts must be positive, got Hq=" + qHeads + ", Hkv=" + kvHeads);
        require(qHeads % kvHeads == 0, "Hq=" + qHeads + " is not a multiple of Hkv=" + kvHeads);
        require(
                qHeads / kvHeads <= MAX_GROUP,
                "group Hq/Hkv=" + qHeads / kvHeads + " is larger than the supported " + MAX_GROUP);
        requireSupportedHeadDim(headDim);
        require(Float.isFinite(scale) && scale > 0, "scale must be finite and positive, got " + scale);
        require(window >= 0, "window must be >= 0 (0: no window), got " + window);
        require(Float.isFinite(kScale) && kScale > 0, "k_scale must be finite and positive, got " + kScale);
        require(Float.isFinite(vScale) && vScale > 0, "v_scale must be finite and positive, got " + vScale);
    }

    /** A spec with K/V scales 1 (no dequantisation). */
    public AttentionSpec(
            ElementType qType, ElementType kvType, int qHeads, int kvHeads, int headDim, float scale, int window) {
        this(qType, kvType, qHeads, kvHeads, headDim, scale, window, 1f, 1f);
    }

    /** A spec with one type for everything, the default scale and no window. */
    public static AttentionSpec of(ElementType type, int qHeads, int kvHeads, int headDim) {
        return new AttentionSpec(type, type, qHeads, kvHeads, headDim, defaultScale(headDim), 0);
    }

    /** {@code 1/sqrt(D)}; requires a supported {@code D}. */
    public static float defaultScale(int headDim) {
        requireSupportedHeadDim(headDim);
        return (float) (1.0 / Math.sqrt(headDim));
    }

    public AttentionSpec withScale(float newScale) {
        return new AttentionSpec(qType, kvType, qHeads, kvHeads, headDim, newScale, window, kScale, vScale);
    }

    public AttentionSpec withWindow(int newWindow) {
        return new AttentionSpec(qType, kvType, qHeads, kvHeads, headDim, scale, newWindow, kScale, vScale);
    }

    public AttentionSpec withKvType(ElementType newKvType) {
        return new AttentionSpec(qType, newKvType, qHeads, kvHeads, headDim, scale, window, kScale, vScale);
    }

    /** This spec with the K and V dequantisation scales ({@code real = stored × scale}). */
    public AttentionSpec withKvScales(float newKScale, float newVScale) {
        return new AttentionSpec(qType, kvType, qHeads, kvHeads, headDim, scale, window, newKScale, newVScale);
    }

    /** The factor applied to {@code q · k_stored} in fp32: {@code scale × kScale}, rounded to float. */
    public float scoreScale() {
        return scale * kScale;
    }

    /** Query heads per KV head, {@code G = Hq / Hkv}. */
    public int group() {
        return qHeads / kvHeads;
    }

    /** Bytes of one query token: {@code Hq * D * 2}. Also the bytes of one output token. */
    public int qTokenBytes() {
        return qHeads * headDim * qType.bytes();
    }

    /** Bytes of one key (or value) token: {@code Hkv * D * bytes(kvType)} (2, or 1 for fp8). */
    public int kvTokenBytes() {
        return kvHeads * headDim * kvType.bytes();
    }

    private static void requireSupportedHeadDim(int headDim) {
        require(HEAD_DIMS.contains(headDim), "head dim " + headDim + " is not supported: supported are 64, 128, 256");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("invalid attention spec: " + message);
        }
    }
}
