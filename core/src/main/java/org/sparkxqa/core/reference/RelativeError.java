package org.sparkxqa.core.reference;

import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;

/**
 * The one error measure of the project: the relative L2 error of a whole request's output against the
 * float64 reference, {@code ||out - ref||₂ / ||ref||₂}. Rules:
 * <ul>
 *   <li>a zero reference ({@code ||ref||₂ = 0}, e.g. every query token sees nothing): the absolute norm
 *       {@code ||out||₂}, so exact zeros give 0 and small noise stays small instead of exploding;</li>
 *   <li>NaN or an infinity anywhere (in {@code out} or {@code ref}): {@code +∞}, worse than any
 *       tolerance and still ordered, so a "worst error" search keeps it;</li>
 *   <li>a length mismatch: {@code +∞}.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class RelativeError {
    private RelativeError() {}

    /**
     * Largest acceptable error for a spec: 1e-2 when q or k/v is bf16, else 2e-3 (fp16 q with fp16, e4m3
     * or e5m2 K/V: fp8 decodes exactly and the scales apply in fp32, so the output's rounding sets it).
     */
    public static double tolerance(AttentionSpec spec) {
        return spec.qType() == ElementType.BF16 || spec.kvType() == ElementType.BF16 ? 1e-2 : 2e-3;
    }

    /** The error of {@code out}, encoded little-endian in {@code type}, against {@code ref}. */
    public static double of(ElementType type, byte[] out, double[] ref) {
        if (out.length != ref.length * type.bytes()) {
            return Double.POSITIVE_INFINITY;
        }
        return of(type.decodeAll(out), ref);
    }

    /** The error of decoded {@code out} against {@code ref}. */
    public static double of(float[] out, double[] ref) {
        if (out.length != ref.length) {
            return Double.POSITIVE_INFINITY;
        }
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < ref.length; i++) {
            double d = out[i] - ref[i];
            diff += d * d;
            norm += ref[i] * ref[i];
        }
        double error = norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
        return Double.isFinite(error) ? error : Double.POSITIVE_INFINITY;
    }
}
