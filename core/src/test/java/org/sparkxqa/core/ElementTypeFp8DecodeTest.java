package org.sparkxqa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every one of the 256 patterns of e4m3 and e5m2 against {@link OcpFp8Reference}, and the named special values. */
class ElementTypeFp8DecodeTest {

    @ParameterizedTest
    @EnumSource(
            value = ElementType.class,
            names = {"E4M3", "E5M2"})
    void decodeGivesTheSpecValueOfEveryPattern(ElementType type) {
        OcpFp8Reference reference = OcpFp8Reference.of(type);
        for (int code = 0; code < 256; code++) {
            double expected = reference.value(code);
            float decoded = type.decode(code);
            String what = type + " pattern 0x" + Integer.toHexString(code);
            if (Double.isNaN(expected)) {
                assertTrue(Float.isNaN(decoded), what + " should be NaN, got " + decoded);
            } else {
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(decoded), what);
            }
            assertEquals(
                    Float.floatToRawIntBits(decoded),
                    Float.floatToRawIntBits(type.decode(code | 0xFF00)),
                    what + ": only the low 8 bits count");
            MemorySegment oneByte = MemorySegment.ofArray(new byte[] {0, (byte) code});
            assertEquals(
                    Float.floatToRawIntBits(decoded),
                    Float.floatToRawIntBits(type.decodeAt(oneByte, 1)),
                    what + ": read at a byte offset");
        }
    }

    @Test
    void e4m3HasOnlyTheTwoNaNsAndNoInfinity() {
        assertEquals(List.of(0x7F, 0xFF), nanCodes(ElementType.E4M3));
        for (int code = 0; code < 256; code++) {
            assertFalse(Float.isInfinite(ElementType.E4M3.decode(code)), "0x" + Integer.toHexString(code));
        }
        assertEquals(448f, ElementType.E4M3.decode(0x7E));
        assertEquals(-448f, ElementType.E4M3.decode(0xFE));
        assertEquals(448f, ElementType.E4M3.maxFinite());
        assertEquals(256f, ElementType.E4M3.decode(0x78));
    }

    @Test
    void e5m2HasIeeeInfinitiesAndSixNaNs() {
        assertEquals(List.of(0x7D, 0x7E, 0x7F, 0xFD, 0xFE, 0xFF), nanCodes(ElementType.E5M2));
        assertEquals(Float.POSITIVE_INFINITY, ElementType.E5M2.decode(0x7C));
        assertEquals(Float.NEGATIVE_INFINITY, ElementType.E5M2.decode(0xFC));
        assertEquals(57344f, ElementType.E5M2.decode(0x7B));
        assertEquals(57344f, ElementType.E5M2.maxFinite());
    }

    @Test
    void subnormalsAndSignedZeros() {
        assertEquals(0x1p-9f, ElementType.E4M3.decode(0x01));
        assertEquals(7 * 0x1p-9f, ElementType.E4M3.decode(0x07));
        assertEquals(0x1p-6f, ElementType.E4M3.decode(0x08));
        assertEquals(-0x1p-9f, ElementType.E4M3.decode(0x81));
        assertEquals(0x1p-16f, ElementType.E5M2.decode(0x01));
        assertEquals(3 * 0x1p-16f, ElementType.E5M2.decode(0x03));
        assertEquals(0x1p-14f, ElementType.E5M2.decode(0x04));
        for (ElementType type : new ElementType[] {ElementType.E4M3, ElementType.E5M2}) {
            assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(type.decode(0x80)), type + " -0");
            assertEquals(0, Float.floatToRawIntBits(type.decode(0x00)), type + " +0");
        }
        assertEquals(1f, ElementType.E4M3.decode(0x38));
        assertEquals(1f, ElementType.E5M2.decode(0x3C));
    }

    @Test
    void e5m2IsTheHighByteOfFp16() {
        for (int code = 0; code < 256; code++) {
            float fromHalf = Float.float16ToFloat((short) (code << 8));
            float decoded = ElementType.E5M2.decode(code);
            assertTrue(
                    Float.isNaN(fromHalf) ? Float.isNaN(decoded) : fromHalf == decoded || code == 0x80,
                    "0x" + Integer.toHexString(code));
        }
    }

    @Test
    void fp8IsOneBytePerElementAndKvOnly() {
        assertEquals(1, ElementType.E4M3.bytes());
        assertEquals(1, ElementType.E5M2.bytes());
        assertEquals(2, ElementType.BF16.bytes());
        assertTrue(ElementType.E4M3.isFp8() && ElementType.E5M2.isFp8());
        assertFalse(ElementType.FP16.isFp8() || ElementType.BF16.isFp8());
        assertEquals(ElementType.E4M3, ElementType.parse("E4M3"));
        assertEquals(ElementType.E5M2, ElementType.parse("fp8_e5m2"));
    }

    private static List<Integer> nanCodes(ElementType type) {
        List<Integer> codes = new ArrayList<>();
        for (int code = 0; code < 256; code++) {
            if (Float.isNaN(type.decode(code))) {
                codes.add(code);
            }
        }
        return codes;
    }
}
