package org.sparkxqa.core;

/**
 * The OCP 8-bit floating point formats written from the spec's tables, independently of the main
 * code: value = (-1)^S × 2^(E − bias) × (1 + M / 2^m) for E > 0, (-1)^S × 2^(1 − bias) × (M / 2^m)
 * for E = 0; E4M3 (bias 7) keeps E = 15 for numbers except S.1111.111 (NaN); E5M2 (bias 15) uses
 * E = 31 for ±infinity (M = 0) and NaN (M ≠ 0).
 */
record OcpFp8Reference(int exponentBits, int mantissaBits, int bias, boolean ieeeSpecials) {
    static final OcpFp8Reference E4M3 = new OcpFp8Reference(4, 3, 7, false);
    static final OcpFp8Reference E5M2 = new OcpFp8Reference(5, 2, 15, true);

    static OcpFp8Reference of(ElementType type) {
        return type == ElementType.E4M3 ? E4M3 : E5M2;
    }

    /** The value of an 8-bit pattern, in double. */
    double value(int code) {
        int s = (code >> 7) & 1;
        int e = (code >> mantissaBits) & ((1 << exponentBits) - 1);
        int m = code & ((1 << mantissaBits) - 1);
        int eMax = (1 << exponentBits) - 1;
        double sign = s == 1 ? -1.0 : 1.0;
        if (ieeeSpecials && e == eMax) {
            return m == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        if (!ieeeSpecials && e == eMax && m == (1 << mantissaBits) - 1) {
            return Double.NaN;
        }
        double fraction = m / Math.pow(2, mantissaBits);
        return e == 0 ? sign * Math.pow(2, 1 - bias) * fraction : sign * Math.pow(2, e - bias) * (1 + fraction);
    }

    /** The largest finite magnitude, searched over the positive patterns. */
    double maxFinite() {
        double max = 0;
        for (int code = 0; code < 0x80; code++) {
            double v = value(code);
            if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                max = Math.max(max, v);
            }
        }
        return max;
    }
}
