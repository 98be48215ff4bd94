package org.sparkxqa.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** fp8 encoding: round trip, nearest-even against {@link OcpFp8Reference}, saturation and overflow, arrays. */
class ElementTypeFp8EncodeTest {

    @ParameterizedTest
    @EnumSource(
            value = ElementType.class,
            names = {"E4M3", "E5M2"})
    void encodeInvertsDecodeOfEveryNumber(ElementType type) {
        for (int code = 0; code < 256; code++) {
            float value = type.decode(code);
            if (Float.isNaN(value)) {
                assertEquals(code & 0x80 | 0x7F, type.encode(value), "NaN 0x" + Integer.toHexString(code));
            } else {
                assertEquals(code, type.encode(value) & 0xFF, "0x" + Integer.toHexString(code));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = ElementType.class,
            names = {"E4M3", "E5M2"})
    void randomValuesRoundToTheNearestPatternTiesToEven(ElementType type) {
        OcpFp8Reference reference = OcpFp8Reference.of(type);
        Random random = new Random(7 + type.ordinal());
        for (int n = 0; n < 50_000; n++) {
            float x = (float) (random.nextGaussian() * Math.pow(2, random.nextInt(-20, 12)));
            if (Math.abs(x) > reference.maxFinite()) {
                continue;
            }
            int code = type.encode(x) & 0xFF;
            double error = Math.abs(reference.value(code) - x);
            for (int other = 0; other < 256; other++) {
                double v = reference.value(other);
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    continue;
                }
                double otherError = Math.abs(v - x);
                int c = code;
                int o = other;
                assertTrue(
                        otherError > error || otherError == error && (o == c || (c & 1) == 0),
                        () -> type + " encode(" + x + ") = 0x" + Integer.toHexString(c) + " but 0x"
                                + Integer.toHexString(o) + " is nearer or an even tie");
            }
        }
    }

    @Test
    void chosenTiesGoToTheEvenNeighbour() {
        assertEquals(0x38, ElementType.E4M3.encode(1.0625f));
        assertEquals(0x3A, ElementType.E4M3.encode(1.1875f));
        assertEquals(0x39, ElementType.E4M3.encode(Math.nextUp(1.0625f)));
        assertEquals(0x3C, ElementType.E5M2.encode(1.125f));
        assertEquals(0x3E, ElementType.E5M2.encode(1.625f));
        assertEquals(0x00, ElementType.E4M3.encode(0x1p-10f));
        assertEquals(0x01, ElementType.E4M3.encode(Math.nextUp(0x1p-10f)));
        assertEquals(0x80, ElementType.E5M2.encode(-0x1p-18f) & 0xFF);
    }

    @Test
    void e4m3SaturatesAndE5m2OverflowsToInfinity() {
        assertEquals(0x7E, ElementType.E4M3.encode(449f));
        assertEquals(0x7E, ElementType.E4M3.encode(1e6f));
        assertEquals(0x7E, ElementType.E4M3.encode(Float.POSITIVE_INFINITY));
        assertEquals(0xFE, ElementType.E4M3.encode(Float.NEGATIVE_INFINITY) & 0xFF);
        assertEquals(0x7B, ElementType.E5M2.encode(Math.nextDown(61440f)));
        assertEquals(0x7C, ElementType.E5M2.encode(61440f));
        assertEquals(0xFC, ElementType.E5M2.encode(-1e9f) & 0xFF);
        assertEquals(0x7C, ElementType.E5M2.encode(Float.POSITIVE_INFINITY));
    }

    @Test
    void arraysAreOneBytePerElement() {
        byte[] bytes = ElementType.E4M3.encodeAll(new float[] {1f, -2f, 448f});
        assertArrayEquals(new byte[] {0x38, (byte) 0xC0, 0x7E}, bytes);
        assertArrayEquals(new float[] {1f, -2f, 448f}, ElementType.E4M3.decodeAll(bytes));
        assertArrayEquals(
                new float[] {1f, -2f, 0.5f}, ElementType.E5M2.decodeAll(new byte[] {0x3C, (byte) 0xC0, 0x38}));
        assertEquals(3, ElementType.E5M2.decodeAll(new byte[3]).length);
    }
}
