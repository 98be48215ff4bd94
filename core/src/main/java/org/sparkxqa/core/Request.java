package org.sparkxqa.core;

/**
 * One decoding request: q {@code [Lq, Hq, D]}, k and v {@code [Lk, Hkv, D]} as little-endian bytes,
 * and its draft mask. Built only through {@link #of}, which validates it against a spec, so a
 * {@code Request} is always safe to hand to a backend. The arrays are not copied: callers must not
 * modify them afterwards.
 *
 * @param q query bytes
 * @param k key bytes
 * @param v value bytes
 * @param mask draft visibility, {@code mask.lq() == lq}
 * @param lq query tokens (1..64)
 * @param lk key/value tokens ({@code lq..2^20})
 */
public record Request(byte[] q, byte[] k, byte[] v, DraftMask mask, int lq, int lk) {

  /**
   * Validates and builds a request. {@code parents} (a draft tree) and {@code packedMask} are
   * alternatives; both null means a chain.
   *
   * @throws InvalidRequestException with the reason, when the request breaks the contract
   */
  public static Request of(AttentionSpec spec, byte[] q, byte[] k, byte[] v, int[] parents, byte[] packedMask) {
    if (q == null || k == null || v == null) {
      throw new InvalidRequestException((q == null ? "q" : k == null ? "k" : "v") + " is NULL");
    }
    int lq = tokens("q", q.length, spec.qTokenBytes(), "Hq*D*2");
    int lk = tokens("k", k.length, spec.kvTokenBytes(), "Hkv*D*2");
    if (v.length != k.length) {
      throw new InvalidRequestException("v has " + v.length + " bytes but k has " + k.length);
    }
    if (lq < 1 || lq > AttentionSpec.MAX_Q_LEN) {
      throw new InvalidRequestException("Lq=" + lq + " query tokens; supported are 1.." + AttentionSpec.MAX_Q_LEN);
    }
    if (lk < lq) {
      throw new InvalidRequestException("Lk=" + lk + " is smaller than Lq=" + lq + " (the drafts' own K/V must be appended)");
    }
    if (lk > AttentionSpec.MAX_KV_LEN) {
      throw new InvalidRequestException("Lk=" + lk + " is larger than the supported " + AttentionSpec.MAX_KV_LEN);
    }
    if (parents != null && packedMask != null) {
      throw new InvalidRequestException("both a parent list and a packed mask were given");
    }
    if (parents != null && parents.length != lq) {
      throw new InvalidRequestException("tree has " + parents.length + " entries but q has Lq=" + lq + " tokens");
    }
    DraftMask mask = parents != null ? DraftMask.fromParents(parents)
        : packedMask != null ? DraftMask.fromPacked(packedMask, lq) : DraftMask.chain(lq);
    return new Request(q, k, v, mask, lq, lk);
  }

  /** Bytes of K/V this request reads (k plus v). */
  public long kvBytes() {
    return (long) k.length + v.length;
  }

  private static int tokens(String name, int bytes, int tokenBytes, String formula) {
    if (bytes % tokenBytes != 0) {
      throw new InvalidRequestException(name + " has " + bytes + " bytes, not a whole number of " + tokenBytes
          + "-byte tokens (" + formula + ")");
    }
    return bytes / tokenBytes;
  }
}
