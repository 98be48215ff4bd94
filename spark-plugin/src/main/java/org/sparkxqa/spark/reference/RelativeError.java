package org.sparkxqa.spark.reference;

import org.sparkxqa.core.ElementType;

/**
 * The error measure used by {@code verify}: {@code ||out − ref||₂ / ||ref||₂} over a whole request
 * (the absolute norm of the difference when the reference is all zeros).
 */
public final class RelativeError {
  private RelativeError() {}

  /** Largest acceptable error for an output type: 1e-2 for bf16, 2e-3 for fp16. */
  public static double tolerance(ElementType outType) {
    return outType == ElementType.BF16 ? 1e-2 : 2e-3;
  }

  /** The error of {@code out} (encoded in {@code type}) against {@code ref}; infinite on a length mismatch or NaN. */
  public static double of(ElementType type, byte[] out, double[] ref) {
    if (out.length != ref.length * 2) {
      return Double.POSITIVE_INFINITY;
    }
    float[] got = type.decodeAll(out);
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < ref.length; i++) {
      double d = got[i] - ref[i];
      diff += d * d;
      norm += ref[i] * ref[i];
    }
    double error = norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
    return Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
  }
}
