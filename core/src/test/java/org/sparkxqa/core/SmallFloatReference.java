package org.sparkxqa.core;

import java.math.BigDecimal;

/**
 * An independent model of a 16-bit binary float (sign, {@code exponentBits}, {@code mantissaBits}):
 * exact values from the bit fields and round-to-nearest-even by exact comparison (doubles, then decimals for the distances).
 */
record SmallFloatReference(int exponentBits, int mantissaBits) {
    static final SmallFloatReference FP16 = new SmallFloatReference(5, 10);
    static final SmallFloatReference BF16 = new SmallFloatReference(8, 7);

    static SmallFloatReference of(ElementType type) {
        return type == ElementType.FP16 ? FP16 : BF16;
    }

    int infinityBits() {
        return ((1 << exponentBits) - 1) << mantissaBits;
    }

    /** The exact value of a bit pattern (NaN for NaN patterns). */
    double value(int bits) {
        boolean negative = (bits & 0x8000) != 0;
        int magnitudeBits = bits & 0x7FFF;
        double magnitude = magnitudeBits > infinityBits()
                ? Double.NaN
                : magnitudeBits == infinityBits() ? Double.POSITIVE_INFINITY : magnitude(magnitudeBits);
        return negative ? -magnitude : magnitude;
    }

    /** Magnitude of a non-negative pattern; the infinity pattern gives the next power of two. */
    double magnitude(int bits) {
        int bias = (1 << (exponentBits - 1)) - 1;
        int exponent = bits >>> mantissaBits;
        int fraction = bits & ((1 << mantissaBits) - 1);
        return exponent == 0
                ? Math.scalb((double) fraction, 1 - bias - mantissaBits)
                : Math.scalb((double) ((1 << mantissaBits) + fraction), exponent - bias - mantissaBits);
    }

    /** The bits nearest to {@code x}, ties to the even pattern; past the largest finite: infinity. */
    int nearest(float x) {
        int sign = (Float.floatToRawIntBits(x) >>> 16) & 0x8000;
        if (Float.isInfinite(x)) {
            return sign | infinityBits();
        }
        double target = Math.abs((double) x);
        int lo = 0;
        int hi = infinityBits();
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (magnitude(mid) <= target) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (lo == infinityBits() || magnitude(lo) == target) {
            return sign | lo;
        }
        BigDecimal a = new BigDecimal(target);
        int up = lo + 1;
        int cmp = a.subtract(new BigDecimal(magnitude(lo))).compareTo(new BigDecimal(magnitude(up)).subtract(a));
        int chosen = cmp < 0 ? lo : cmp > 0 ? up : ((lo & 1) == 0 ? lo : up);
        return sign | chosen;
    }
}
