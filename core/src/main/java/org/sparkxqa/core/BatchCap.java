package org.sparkxqa.core;

/**
 * The largest amount of request input (q+k+v bytes) handled as one piece: the GPU backend cuts a
 * larger batch into chunks of at most this size (two pipelined chunks' staging buffers then fit the
 * default pinned pool with room for a second caller), and the Spark plugin's automatic
 * {@code spark.xqa.batch.maxBytes} never exceeds it. Declared once, here; the configuration page and
 * the job's help quote {@link #TEXT}. Stateless.
 */
public final class BatchCap {
    /** 256 MiB, in bytes. */
    public static final long BYTES = 256L << 20;

    /** The cap as documentation writes it ({@code 256 MiB}); a constant, so annotations may use it. */
    public static final String TEXT = (BYTES >> 20) + " MiB";

    private BatchCap() {}
}
