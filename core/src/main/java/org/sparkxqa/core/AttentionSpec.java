package org.sparkxqa.core;

import java.io.Serializable;
import java.util.Set;

/**
 * The shape and options shared by every request of a batch: element types, head counts, head dim,
 * softmax scale and sliding window. Immutable and validated on construction; thread-safe.
 *
 * @param qType type of q and out
 * @param kvType type of k and v
 * @param qHeads query heads {@code Hq}
 * @param kvHeads KV heads {@code Hkv}; {@code Hq % Hkv == 0} and the group {@code Hq / Hkv} is 1..32
 * @param headDim {@code D}, one of {@link #HEAD_DIMS}
 * @param scale softmax scale, finite and positive (default {@code 1/sqrt(D)})
 * @param window sliding window in tokens; 0 means none
 *     <p>Serializable so Spark can ship it to executors; deserialization re-runs the validation.
 */
public record AttentionSpec(
    ElementType qType, ElementType kvType, int qHeads, int kvHeads, int headDim, float scale, int window)
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
    require(qHeads >= 1 && kvHeads >= 1, "head counts must be positive, got Hq=" + qHeads + ", Hkv=" + kvHeads);
    require(qHeads % kvHeads == 0, "Hq=" + qHeads + " is not a multiple of Hkv=" + kvHeads);
    require(qHeads / kvHeads <= MAX_GROUP,
        "group Hq/Hkv=" + qHeads / kvHeads + " is larger than the supported " + MAX_GROUP);
    requireSupportedHeadDim(headDim);
    require(Float.isFinite(scale) && scale > 0, "scale must be finite and positive, got " + scale);
    require(window >= 0, "window must be >= 0 (0: no window), got " + window);
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
    return new AttentionSpec(qType, kvType, qHeads, kvHeads, headDim, newScale, window);
  }

  public AttentionSpec withWindow(int newWindow) {
    return new AttentionSpec(qType, kvType, qHeads, kvHeads, headDim, scale, newWindow);
  }

  public AttentionSpec withKvType(ElementType newKvType) {
    return new AttentionSpec(qType, newKvType, qHeads, kvHeads, headDim, scale, window);
  }

  /** Query heads per KV head, {@code G = Hq / Hkv}. */
  public int group() {
    return qHeads / kvHeads;
  }

  /** Bytes of one query token: {@code Hq * D * 2}. Also the bytes of one output token. */
  public int qTokenBytes() {
    return qHeads * headDim * qType.bytes();
  }

  /** Bytes of one key (or value) token: {@code Hkv * D * 2}. */
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
