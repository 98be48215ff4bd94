package org.sparkxqa.spark.gpureader;

import java.io.Serializable;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.config.XqaConf;

/**
 * What a session's settings say about the GPU reader: valid rows per kernel launch
 * ({@code spark.xqa.batch.maxRows}), the invalid-row policy ({@code spark.xqa.onInvalidRow}) and the
 * first chunk limit of the chunked Parquet reader in bytes ({@code spark.xqa.gpuReader.chunkBytes}).
 * Immutable; shipped to tasks.
 */
public record GpuReaderSettings(int rowsPerLaunch, InvalidRowPolicy policy, long chunkBytes) implements Serializable {

    /** The settings of {@code conf}. */
    public static GpuReaderSettings of(XqaConf conf) {
        return new GpuReaderSettings(
                conf.get(XqaConf.BATCH_MAX_ROWS),
                conf.get(XqaConf.ON_INVALID_ROW),
                conf.get(XqaConf.GPU_READER_CHUNK_BYTES));
    }
}
