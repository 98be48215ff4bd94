package org.sparkxqa.core.gpu;

import java.util.ArrayList;
import java.util.List;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.Request;

/**
 * Checks a batch against the spec it is computed with and cuts it into consecutive chunks of at most
 * {@code maxBytes} of q+k+v each (a request larger than that is a chunk of its own). A request's
 * output does not depend on its chunk (every K/V split depends only on the request), so chunking
 * keeps batch invariance. The default chunk size is {@link org.sparkxqa.core.BatchCap#BYTES}.
 * Stateless; thread-safe.
 */
final class BatchChunks {
    private BatchChunks() {}

    /**
     * Consecutive sub-lists of {@code requests}, in order.
     *
     * @throws IllegalArgumentException when a request's sizes do not match {@code spec} (a request
     *     validated against another spec), naming its index
     */
    static List<List<Request>> split(AttentionSpec spec, List<Request> requests, long maxBytes) {
        List<List<Request>> chunks = new ArrayList<>();
        int start = 0;
        long bytes = 0;
        for (int i = 0; i < requests.size(); i++) {
            Request r = requests.get(i);
            check(spec, r, i);
            long size = r.bytes();
            if (i > start && bytes + size > maxBytes) {
                chunks.add(requests.subList(start, i));
                start = i;
                bytes = 0;
            }
            bytes += size;
        }
        if (start < requests.size()) {
            chunks.add(requests.subList(start, requests.size()));
        }
        return chunks;
    }

    private static void check(AttentionSpec spec, Request r, int index) {
        if (r == null) {
            throw new IllegalArgumentException("request " + index + " is null");
        }
        long q = (long) r.lq() * spec.qTokenBytes();
        long kv = (long) r.lk() * spec.kvTokenBytes();
        if (r.qBytes() != q
                || r.k().byteSize() != kv
                || r.v().byteSize() != kv
                || r.mask().lq() != r.lq()) {
            throw new IllegalArgumentException("request " + index + " does not match the spec " + spec + ": q has "
                    + r.qBytes() + " bytes (want " + q + "), k " + r.k().byteSize() + " and v " + r.v().byteSize()
                    + " (want " + kv
                    + "), mask rows " + r.mask().lq() + " (want " + r.lq() + ")");
        }
    }
}
