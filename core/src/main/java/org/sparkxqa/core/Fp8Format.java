package org.sparkxqa.core;

/**
 * The two OCP 8-bit floating point formats (OCP 8-bit Floating Point Specification, v1.0): sign bit,
 * {@code exponentBits} exponent bits, {@code mantissaBits} mantissa bits, exponent bias
 * {@code 2^(exponentBits-1) - 1}, subnormals at exponent field 0. E4M3 has no infinities and one NaN
 * per sign ({@code S.1111.111}); E5M2 is IEEE-like (exponent field all ones: infinity when the
 * mantissa is 0, NaN otherwise). Decoding is exact in float; both formats are decoded through a
 * 256-entry table built from the bit fields. Immutable and thread-safe.
 */
final class Fp8Format {
    static final Fp8Format E4M3 = new Fp8Format(4, 3, false);
    static final Fp8Format E5M2 = new Fp8Format(5, 2, true);

    private final float[] values = new float[256];
    private final int largestFiniteCode;
    private final boolean infinities;

    private Fp8Format(int exponentBits, int mantissaBits, boolean infinities) {
        this.infinities = infinities;
        int bias = (1 << (exponentBits - 1)) - 1;
        int expMax = (1 << exponentBits) - 1;
        int manMax = (1 << mantissaBits) - 1;
        for (int code = 0; code < 256; code++) {
            int exp = (code >>> mantissaBits) & expMax;
            int man = code & manMax;
            int sign = (code & 0x80) << 24;
            float magnitude;
            if (exp == expMax && (infinities || man == manMax)) {
                magnitude = infinities && man == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
            } else if (exp == 0) {
                magnitude = Math.scalb((float) man, 1 - bias - mantissaBits);
            } else {
                magnitude = Float.intBitsToFloat((exp - bias + 127) << 23 | man << (23 - mantissaBits));
            }
            values[code] = Float.intBitsToFloat(sign | Float.floatToRawIntBits(magnitude));
        }
        this.largestFiniteCode = infinities ? (expMax << mantissaBits) - 1 : 0x7E;
    }

    /** The value of the low 8 bits of {@code bits}. */
    float decode(int bits) {
        return values[bits & 0xFF];
    }

    /** The largest finite value (448 for E4M3, 57344 for E5M2). */
    float maxFinite() {
        return values[largestFiniteCode];
    }

    /**
     * The nearest code, ties to the even mantissa. Magnitudes past the largest finite value saturate
     * to it in E4M3 (which has no infinity) and round to infinity in E5M2 as IEEE 754 does (from
     * {@code max + ulp/2} on); infinities give the largest finite E4M3 value and E5M2 infinity; NaN gives
     * the sign's NaN ({@code S.1111.111} in both formats).
     */
    int encode(float value) {
        int sign = (Float.floatToRawIntBits(value) >>> 24) & 0x80;
        float magnitude = Math.abs(value);
        if (Float.isNaN(value)) {
            return sign | 0x7F;
        }
        int top = infinities ? largestFiniteCode + 1 : largestFiniteCode;
        if (magnitude >= values[top]) {
            return sign | top;
        }
        int low = 0;
        int high = top;
        while (high - low > 1) {
            int mid = (low + high) >>> 1;
            if (values[mid] <= magnitude) {
                low = mid;
            } else {
                high = mid;
            }
        }
        if (high == largestFiniteCode + 1) {
            double halfUlp = ((double) values[largestFiniteCode] - values[largestFiniteCode - 1]) / 2;
            return sign | (magnitude >= values[largestFiniteCode] + halfUlp ? top : largestFiniteCode);
        }
        double toBelow = (double) magnitude - values[low];
        double toAbove = (double) values[high] - magnitude;
        int code = toBelow < toAbove ? low : toAbove < toBelow ? high : (low & 1) == 0 ? low : high;
        return sign | code;
    }
}
