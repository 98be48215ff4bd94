package org.sparkxqa.core.gpu.kernel;

import java.util.List;

/**
 * Where the requests of a launch already lie in q/out and k/v buffers that the caller brings (e.g. the
 * data of cuDF LIST columns), in tokens: request r's queries (and its output rows) start at
 * {@code qOffsets[r]} of buffers of {@code qTokens} tokens, its keys and values at {@code kvOffsets[r]}
 * of buffers of {@code kvTokens} tokens. Query ranges must not overlap, since the output rows are
 * written there; key ranges may (they are only read). Without a placement, a plan packs the requests
 * back to back. Immutable once {@link #check checked}; the arrays are owned by the placement.
 */
public record RequestPlacement(int[] qOffsets, long[] kvOffsets, int qTokens, long kvTokens) {

    /**
     * Checks that every request of {@code shapes} lies inside the buffers and that query ranges are in
     * order and disjoint.
     *
     * @throws IllegalArgumentException naming the request and the range that does not fit
     */
    public void check(List<RequestShape> shapes) {
        if (qOffsets.length != shapes.size() || kvOffsets.length != shapes.size()) {
            throw new IllegalArgumentException("placement has " + qOffsets.length + " q and " + kvOffsets.length
                    + " k/v offsets for " + shapes.size() + " requests");
        }
        long previousEnd = 0;
        for (int r = 0; r < shapes.size(); r++) {
            RequestShape s = shapes.get(r);
            if (qOffsets[r] < previousEnd || (long) qOffsets[r] + s.lq() > qTokens) {
                throw new IllegalArgumentException(
                        "request " + r + ": query tokens [" + qOffsets[r] + ", " + ((long) qOffsets[r] + s.lq())
                                + ") overlap the previous request or leave the " + qTokens + "-token buffer");
            }
            if (kvOffsets[r] < 0 || kvOffsets[r] + s.lk() > kvTokens) {
                throw new IllegalArgumentException("request " + r + ": K/V tokens [" + kvOffsets[r] + ", "
                        + (kvOffsets[r] + s.lk()) + ") leave the " + kvTokens + "-token buffer");
            }
            previousEnd = (long) qOffsets[r] + s.lq();
        }
    }
}
