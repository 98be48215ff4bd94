package org.sparkxqa.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sparkxqa.core.testing.Failures.assertFails;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names accepted by {@link ElementType#parse} and the little-endian array form. */
class ElementTypeFormatTest {

    @Test
    void parseAcceptsTheSqlNamesInAnyCase() {
        assertEquals(ElementType.FP16, ElementType.parse("fp16"));
        assertEquals(ElementType.BF16, ElementType.parse("bf16"));
        assertEquals(ElementType.FP16, ElementType.parse(" FP16 "));
        assertEquals(ElementType.BF16, ElementType.parse("Bf16"));
        assertEquals(ElementType.FP16, ElementType.parse("half"));
        assertEquals(ElementType.BF16, ElementType.parse("bfloat16"));
        for (ElementType type : ElementType.values()) {
            assertEquals(type, ElementType.parse(type.sqlName()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp8", "fp32", "float", "", "f p16", "bf 16"})
    void parseRejectsOtherNamesListingTheSupportedOnes(String name) {
        assertFails(IllegalArgumentException.class, () -> ElementType.parse(name), "'" + name + "'", "fp16", "bf16");
    }

    @Test
    void parseRejectsNull() {
        assertFails(IllegalArgumentException.class, () -> ElementType.parse(null), "fp16", "bf16");
    }

    @Test
    void arraysAreLittleEndian() {
        assertArrayEquals(
                new byte[] {0x00, 0x3C, 0x00, (byte) 0xC0}, ElementType.FP16.encodeAll(new float[] {1f, -2f}));
        assertArrayEquals(
                new byte[] {(byte) 0x80, 0x3F, 0x00, (byte) 0xC0}, ElementType.BF16.encodeAll(new float[] {1f, -2f}));
        assertArrayEquals(
                new float[] {1f, -2f}, ElementType.FP16.decodeAll(new byte[] {0x00, 0x3C, 0x00, (byte) 0xC0}));
        assertArrayEquals(
                new float[] {1f, -2f}, ElementType.BF16.decodeAll(new byte[] {(byte) 0x80, 0x3F, 0x00, (byte) 0xC0}));
    }

    @Test
    void decodeAllRejectsAnOddByteLength() {
        assertFails(IllegalArgumentException.class, () -> ElementType.BF16.decodeAll(new byte[3]), "odd byte length 3");
    }
}
