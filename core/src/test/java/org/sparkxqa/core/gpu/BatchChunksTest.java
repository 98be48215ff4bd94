package org.sparkxqa.core.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.testing.RandomRequests;

class BatchChunksTest {
    private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.FP16, 4, 2, 64);

    @Test
    void chunksAreConsecutiveBoundedAndKeepEveryRequestInOrder() {
        List<Request> batch = new RandomRequests(3).mixedBatch(SPEC, 40, 8, 300);
        long limit = 40_000;
        List<List<Request>> chunks = BatchChunks.split(SPEC, batch, limit);
        List<Request> joined = new ArrayList<>();
        for (List<Request> c : chunks) {
            long bytes = c.stream().mapToLong(r -> r.qBytes() + r.kvBytes()).sum();
            assertTrue(c.size() == 1 || bytes <= limit, "chunk of " + bytes + " bytes");
            joined.addAll(c);
        }
        assertTrue(chunks.size() > 1);
        assertEquals(batch.size(), joined.size());
        for (int i = 0; i < batch.size(); i++) {
            assertSame(batch.get(i), joined.get(i));
        }
        assertEquals(1, BatchChunks.split(SPEC, batch, Long.MAX_VALUE).size());
    }

    @Test
    void aRequestLargerThanTheLimitIsAChunkOfItsOwn() {
        List<Request> batch = List.of(
                new RandomRequests(1).request(SPEC, 2, 100, RandomRequests.Draft.CHAIN),
                new RandomRequests(2).request(SPEC, 2, 5000, RandomRequests.Draft.TREE),
                new RandomRequests(3).request(SPEC, 2, 100, RandomRequests.Draft.PACKED));
        assertEquals(
                List.of(1, 1, 1),
                BatchChunks.split(SPEC, batch, 1000).stream().map(List::size).toList());
    }

    @Test
    void aRequestBuiltForAnotherSpecIsRejectedWithItsIndex() {
        Request other = new RandomRequests(4)
                .request(AttentionSpec.of(ElementType.FP16, 8, 2, 64), 2, 10, RandomRequests.Draft.CHAIN);
        Request fine = new RandomRequests(5).request(SPEC, 4, 10, RandomRequests.Draft.CHAIN);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> BatchChunks.split(SPEC, List.of(fine, other), Long.MAX_VALUE));
        assertTrue(e.getMessage().startsWith("request 1 does not match the spec"), e.getMessage());
    }
}
