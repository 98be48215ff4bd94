package org.sparkxqa.core.testing;

/** Relative L2 error of a computed output against a reference. */
public final class RelativeError {
  private static final double TINY = 1e-30;

  private RelativeError() {}

  /** {@code ||actual - reference|| / max(||reference||, tiny)}; NaN in {@code actual} gives NaN. */
  public static double of(float[] actual, double[] reference) {
    if (actual.length != reference.length) {
      throw new IllegalArgumentException("lengths differ: " + actual.length + " vs " + reference.length);
    }
    double diff = 0;
    double norm = 0;
    for (int n = 0; n < actual.length; n++) {
      double d = actual[n] - reference[n];
      diff += d * d;
      norm += reference[n] * reference[n];
    }
    return Math.sqrt(diff) / Math.max(Math.sqrt(norm), TINY);
  }
}
