package org.sparkxqa.core.gpu.kernel;

import org.sparkxqa.core.AttentionSpec;

/**
 * How many keys one KV split (one attention CTA's chunk) of a request covers: the one place this rule
 * lives on the host, mirrored by {@code split_tokens_for} in {@code kernels/src/test/python/xqa_plan.py}.
 *
 * <p>{@code splitTokens(rows) = max(2048, ceil(rows / 32) * 1024)} with {@code rows = Lq * G}. A split's
 * fp32 partial outputs cost {@code rows / splitTokens} of its K/V traffic, so requests with more rows
 * get longer splits (measured on the H100: 1024 to 4096 keys took the 256-row workload from 39% to 51%
 * of the copy floor). The size is always a multiple of the tile keys (64) and depends on the request
 * alone, never on the rest of the batch: the split boundaries fix the order of the fp32 sums, so this
 * keeps outputs batch invariant. Changing the rule changes output bits. The kernel reads the size from
 * each work item ({@code XqaWork.split_tokens}). Stateless.
 */
public final class SplitSize {
    /** The shortest split, in keys. */
    public static final int MIN_TOKENS = 2048;
    /** Keys added to a split per 32 rows. */
    public static final int TOKENS_PER_32_ROWS = 1024;
    /** Most rows a request can have: {@code MAX_Q_LEN * MAX_GROUP}. */
    static final int MAX_ROWS = AttentionSpec.MAX_Q_LEN * AttentionSpec.MAX_GROUP;

    private SplitSize() {}

    /**
     * Keys per KV split of a request with {@code rows = Lq * G} query rows per KV head.
     *
     * @throws IllegalArgumentException when {@code rows} is not 1..{@code MAX_Q_LEN * MAX_GROUP}
     */
    public static int tokens(int rows) {
        if (rows < 1 || rows > MAX_ROWS) {
            throw new IllegalArgumentException("a request has 1.." + MAX_ROWS + " rows (Lq * G), not " + rows);
        }
        return Math.max(MIN_TOKENS, (rows + 31) / 32 * TOKENS_PER_32_ROWS);
    }
}
