package org.sparkxqa.core.gpu.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Small statistics helpers for the benchmark. Stateless. */
final class Stats {
  private Stats() {}

  /** The median (mean of the middle two for an even count). */
  static double median(List<? extends Number> values) {
    List<Double> sorted = new ArrayList<>();
    values.forEach(v -> sorted.add(v.doubleValue()));
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
