package org.sparkxqa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every one of the 65,536 bit patterns of fp16 and bf16: decode is exact and encode inverts it. */
class ElementTypeBitPatternsTest {

    @ParameterizedTest
    @EnumSource(
            value = ElementType.class,
            names = {"FP16", "BF16"})
    void decodeGivesTheExactValueOfEveryPattern(ElementType type) {
        SmallFloatReference reference = SmallFloatReference.of(type);
        for (int bits = 0; bits < 0x10000; bits++) {
            float decoded = type.decode((short) bits);
            double expected = reference.value(bits);
            if (Double.isNaN(expected)) {
                assertTrue(Float.isNaN(decoded), "pattern 0x" + Integer.toHexString(bits) + " should decode to NaN");
            } else {
                assertEquals(
                        Double.doubleToRawLongBits(expected),
                        Double.doubleToRawLongBits(decoded),
                        "pattern 0x" + Integer.toHexString(bits) + ": " + decoded + " vs " + expected);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = ElementType.class,
            names = {"FP16", "BF16"})
    void encodeInvertsDecodeAndNaNStaysNaN(ElementType type) {
        int nanPatterns = 0;
        for (int bits = 0; bits < 0x10000; bits++) {
            float decoded = type.decode((short) bits);
            short encoded = type.encode(decoded);
            if (Float.isNaN(decoded)) {
                nanPatterns++;
                assertTrue(
                        Float.isNaN(type.decode(encoded)), "NaN pattern 0x" + Integer.toHexString(bits) + " lost NaN");
            } else {
                assertEquals((short) bits, encoded, "pattern 0x" + Integer.toHexString(bits) + " did not round trip");
            }
        }
        int fractionPatterns = (1 << SmallFloatReference.of(type).mantissaBits()) - 1;
        assertEquals(2 * fractionPatterns, nanPatterns);
    }

    @ParameterizedTest
    @EnumSource(
            value = ElementType.class,
            names = {"FP16", "BF16"})
    void encodeNaNOfAnyPayloadGivesNaN(ElementType type) {
        for (int payload : new int[] {1, 0x1FFF, 0x400000, 0x7FFFFF}) {
            for (int sign : new int[] {0, 0x80000000}) {
                float nan = Float.intBitsToFloat(sign | 0x7F800000 | payload);
                assertTrue(Float.isNaN(type.decode(type.encode(nan))), "payload 0x" + Integer.toHexString(payload));
            }
        }
    }
}
