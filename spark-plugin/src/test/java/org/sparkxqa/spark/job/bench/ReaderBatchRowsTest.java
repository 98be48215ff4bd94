package org.sparkxqa.spark.job.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.BatchCap;
import org.sparkxqa.core.ElementType;

/** Scan batches hold about one launch budget of the largest requests, within [1, 4096] rows. */
class ReaderBatchRowsTest {
    private static final AttentionSpec BF16 = AttentionSpec.of(ElementType.BF16, 32, 8, 128);

    @Test
    void largeRequestsGetAboutOneLaunchBudgetPerScanBatch() {
        long row = 8L * BF16.qTokenBytes() + 2L * 2048 * BF16.kvTokenBytes();
        int rows = ReaderBatchRows.forRequests(BF16, 8, 2048);
        assertEquals(BatchCap.BYTES / row, rows);
        assertEquals(31, rows);
    }

    @Test
    void fp8KvHalvesTheBytesSoTwiceTheRowsFit() {
        AttentionSpec fp8 = BF16.withKvType(ElementType.E4M3);
        int bf16Rows = ReaderBatchRows.forRequests(BF16, 1, 4096);
        int fp8Rows = ReaderBatchRows.forRequests(fp8, 1, 4096);
        assertEquals(2 * bf16Rows, fp8Rows, 1);
    }

    @Test
    void boundsAreOneRowAndSparksDefault() {
        assertEquals(1, ReaderBatchRows.forRequests(BF16, 64, AttentionSpec.MAX_KV_LEN));
        assertEquals(
                ReaderBatchRows.SPARK_DEFAULT,
                ReaderBatchRows.forRequests(AttentionSpec.of(ElementType.BF16, 1, 1, 64), 1, 1));
    }
}
