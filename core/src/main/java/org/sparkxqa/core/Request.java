package org.sparkxqa.core;

import java.lang.foreign.MemorySegment;

/**
 * One decoding request: q {@code [Lq, Hq, D]}, k and v {@code [Lk, Hkv, D]} as little-endian bytes,
 * and its draft mask. Built only through {@link #of}, which validates it against a spec, so a
 * {@code Request} is always safe to hand to a backend.
 *
 * <p>The bytes are views, never copies: a {@link MemorySegment} over a Java array (a row's value) or
 * over memory that a column vector owns (Spark's off-heap vectors, a cuDF host buffer). The caller keeps
 * that memory alive and unchanged until the backend call that uses the request has returned; backends
 * only read it, possibly from several threads, so a segment must not be thread-confined (arrays,
 * global or shared-arena memory).
 *
 * @param q query bytes
 * @param k key bytes
 * @param v value bytes
 * @param mask draft visibility, {@code mask.lq() == lq}
 * @param lq query tokens (1..64)
 * @param lk key/value tokens ({@code lq..2^20})
 */
public record Request(MemorySegment q, MemorySegment k, MemorySegment v, DraftMask mask, int lq, int lk) {

    /** {@link #of(AttentionSpec, MemorySegment, MemorySegment, MemorySegment, int[], byte[])} over arrays. */
    public static Request of(AttentionSpec spec, byte[] q, byte[] k, byte[] v, int[] parents, byte[] packedMask) {
        return of(spec, view(q), view(k), view(v), parents, packedMask);
    }

    /**
     * Validates and builds a request. {@code parents} (a draft tree) and {@code packedMask} are
     * alternatives; both null means a chain.
     *
     * @throws InvalidRequestException with the reason, when the request breaks the contract
     */
    public static Request of(
            AttentionSpec spec, MemorySegment q, MemorySegment k, MemorySegment v, int[] parents, byte[] packedMask) {
        if (q == null || k == null || v == null) {
            throw new InvalidRequestException((q == null ? "q" : k == null ? "k" : "v") + " is NULL");
        }
        RequestCheck c = RequestCheck.of(spec, q.byteSize(), k.byteSize(), v.byteSize(), parents, packedMask);
        return new Request(q, k, v, c.mask(), c.lq(), c.lk());
    }

    /** Bytes of q. */
    public long qBytes() {
        return q.byteSize();
    }

    /** Bytes of K/V this request reads (k plus v). */
    public long kvBytes() {
        return k.byteSize() + v.byteSize();
    }

    /** Bytes of q, k and v together. */
    public long bytes() {
        return qBytes() + kvBytes();
    }

    private static MemorySegment view(byte[] a) {
        return a == null ? null : MemorySegment.ofArray(a);
    }
}
