package org.sparkxqa.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.reference.Float64Attention;
import org.sparkxqa.core.reference.RelativeError;
import org.sparkxqa.core.reference.Visibility;
import org.sparkxqa.core.testing.RandomRequests;

/** Rows that see no key (packed mask without self, outside the window) give exact zeros, never NaN. */
class CpuBackendEmptyRowsTest {

    @Test
    void rowsWithNothingVisibleAreZeroAndTheOthersMatchTheReference() {
        int lq = 8;
        AttentionSpec spec = AttentionSpec.of(ElementType.BF16, 4, 2, 64).withWindow(2);
        RandomRequests random = new RandomRequests(3);
        ByteBuffer onlyDraft0 = ByteBuffer.allocate(lq * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < lq; i++) {
            onlyDraft0.putInt(1);
        }
        int elems = lq * spec.qHeads() * spec.headDim();
        Request r = Request.of(
                spec,
                random.normalValues(spec.qType(), elems, 1),
                random.normalValues(spec.kvType(), elems / 2, 1),
                random.normalValues(spec.kvType(), elems / 2, 1),
                null,
                onlyDraft0.array());

        float[] out;
        try (CpuBackend backend = new CpuBackend(2)) {
            out = spec.qType().decodeAll(backend.attend(spec, List.of(r)).getFirst());
        }
        int rowElems = spec.qHeads() * spec.headDim();
        int empty = 0;
        for (int i = 0; i < lq; i++) {
            boolean nothing = Visibility.of(spec, r).seesNothing(i);
            assertEquals(i >= 2, nothing, "row " + i);
            for (int e = i * rowElems; e < (i + 1) * rowElems; e++) {
                if (nothing) {
                    assertEquals(0f, out[e], 0f, "row " + i + " should be zero");
                } else {
                    assertTrue(out[e] != 0 && !Float.isNaN(out[e]), "row " + i + " element " + e + " = " + out[e]);
                }
            }
            empty += nothing ? 1 : 0;
        }
        assertEquals(6, empty);
        assertTrue(RelativeError.of(out, Float64Attention.attend(spec, r)) <= 1e-2);
    }
}
