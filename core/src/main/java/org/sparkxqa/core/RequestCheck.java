package org.sparkxqa.core;

/**
 * The data contract's checks of one request (docs/DESIGN.md §1) from its byte lengths and draft tree
 * alone, with the reasons users read in {@code xqa_error} or in a task failure. {@link Request#of}
 * runs them on a row's values and the cuDF path on LIST offsets, so both name the same reason for the
 * same row. Immutable.
 *
 * @param lq query tokens (1..64)
 * @param lk key/value tokens ({@code lq..2^20})
 * @param mask draft visibility, {@code mask.lq() == lq}
 */
public record RequestCheck(int lq, int lk, DraftMask mask) {

    /**
     * Checks a request whose q, k and v have the given byte lengths. {@code parents} (a draft tree)
     * and {@code packedMask} are alternatives; both null means a chain.
     *
     * @throws InvalidRequestException with the reason, when the request breaks the contract
     */
    public static RequestCheck of(
            AttentionSpec spec, long qBytes, long kBytes, long vBytes, int[] parents, byte[] packedMask) {
        long lq = tokens("q", qBytes, spec.qTokenBytes(), "Hq*D*2");
        long lk = tokens(
                "k", kBytes, spec.kvTokenBytes(), "Hkv*D*" + spec.kvType().bytes());
        if (vBytes != kBytes) {
            throw new InvalidRequestException("v has " + vBytes + " bytes but k has " + kBytes);
        }
        if (lq < 1 || lq > AttentionSpec.MAX_Q_LEN) {
            throw new InvalidRequestException(
                    "Lq=" + lq + " query tokens; supported are 1.." + AttentionSpec.MAX_Q_LEN);
        }
        if (lk < lq) {
            throw new InvalidRequestException(
                    "Lk=" + lk + " is smaller than Lq=" + lq + " (the drafts' own K/V must be appended)");
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
        DraftMask mask = parents != null
                ? DraftMask.fromParents(parents)
                : packedMask != null ? DraftMask.fromPacked(packedMask, (int) lq) : DraftMask.chain((int) lq);
        return new RequestCheck((int) lq, (int) lk, mask);
    }

    private static long tokens(String name, long bytes, int tokenBytes, String formula) {
        if (bytes % tokenBytes != 0) {
            throw new InvalidRequestException(name + " has " + bytes + " bytes, not a whole number of " + tokenBytes
                    + "-byte tokens (" + formula + ")");
        }
        return bytes / tokenBytes;
    }
}
