package org.sparkxqa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sparkxqa.core.testing.Failures.assertFails;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fp8 side of {@link AttentionSpec}: K/V scales, byte sizes from the type, q/out never fp8. */
class KvScalesSpecTest {
    private static final AttentionSpec BASE = AttentionSpec.of(ElementType.BF16, 8, 2, 128);

    @Test
    void scalesDefaultToOneAndFoldIntoTheScoreScale() {
        assertEquals(1f, BASE.kScale());
        assertEquals(1f, BASE.vScale());
        AttentionSpec scaled = BASE.withKvType(ElementType.E4M3)
                .withKvScales(0.01f, 4f)
                .withWindow(9)
                .withScale(0.5f);
        assertEquals(0.01f, scaled.kScale());
        assertEquals(4f, scaled.vScale());
        assertEquals(0.5f * 0.01f, scaled.scoreScale());
        assertEquals(9, scaled.window());
        assertEquals(ElementType.E4M3, scaled.kvType());
    }

    @Test
    void fp8KvTokensAreOneBytePerElement() {
        assertEquals(2 * 128, BASE.withKvType(ElementType.E4M3).kvTokenBytes());
        assertEquals(2 * 128, BASE.withKvType(ElementType.E5M2).kvTokenBytes());
        assertEquals(8 * 128 * 2, BASE.withKvType(ElementType.E5M2).qTokenBytes());
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, -0f, -1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void rejectsScalesThatAreNotFiniteAndPositive(float bad) {
        assertFails(
                IllegalArgumentException.class,
                () -> BASE.withKvScales(bad, 1f),
                "k_scale",
                "finite and positive",
                String.valueOf(bad));
        assertFails(
                IllegalArgumentException.class,
                () -> BASE.withKvScales(1f, bad),
                "v_scale",
                "finite and positive",
                String.valueOf(bad));
    }

    @ParameterizedTest
    @ValueSource(strings = {"e4m3", "e5m2"})
    void rejectsFp8ForQAndOut(String type) {
        ElementType fp8 = ElementType.parse(type);
        assertFails(
                IllegalArgumentException.class,
                () -> AttentionSpec.of(fp8, 8, 2, 128),
                "q/out type " + type,
                "fp16 or bf16",
                "k/v only");
    }

    @Test
    void requestLengthChecksUseTheFp8ByteSize() {
        AttentionSpec spec = BASE.withKvType(ElementType.E4M3);
        byte[] q = new byte[spec.qTokenBytes()];
        Request r = Request.of(spec, q, new byte[3 * 256], new byte[3 * 256], null, null);
        assertEquals(3, r.lk());
        assertFails(
                InvalidRequestException.class,
                () -> Request.of(spec, q, new byte[300], new byte[300], null, null),
                "k has 300 bytes",
                "256-byte tokens",
                "Hkv*D*1");
    }
}
