package org.sparkxqa.core.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real GPU architecture {@code sm_XY} (compute capability X.Y) that NVRTC compiles SASS for and a
 * device runs. Validated numbers only: it is safe to turn into a compiler option. Immutable.
 *
 * @param major compute capability major (5..12)
 * @param minor compute capability minor (0..9)
 */
public record SmArch(int major, int minor) implements Comparable<SmArch> {
  /** Ampere A100: the oldest architecture the spec-dec kernel targets ({@code mma.sync} m16n8k16). */
  public static final SmArch SM_80 = new SmArch(8, 0);
  /** Hopper H100/H200. */
  public static final SmArch SM_90 = new SmArch(9, 0);

  private static final Pattern FORM = Pattern.compile("(?:sm_|compute_)?(\\d{1,2})(\\d)|(\\d{1,2})\\.(\\d)");

  public SmArch {
    if (major < 5 || major > 12 || minor < 0 || minor > 9) {
      throw new IllegalArgumentException("not a GPU architecture: compute capability " + major + "." + minor);
    }
  }

  /** Parses {@code sm_90}, {@code 90} or {@code 9.0}; anything else is an error naming the input. */
  public static SmArch parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a GPU architecture: '" + text + "' (expected e.g. sm_80, sm_90)");
    }
    return m.group(1) != null
        ? new SmArch(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
        : new SmArch(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
  }

  /** Parses a comma-separated list such as {@code sm_80,sm_90}; blanks are ignored. */
  public static List<SmArch> parseList(String text) {
    List<SmArch> out = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        out.add(parse(part));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no GPU architecture in '" + text + "'");
    }
    return out;
  }

  /** {@code sm_90}: the NVRTC {@code -arch} value and the name used in cache folders. */
  public String label() {
    return "sm_" + major + minor;
  }

  @Override
  public int compareTo(SmArch o) {
    return Integer.compare(major * 10 + minor, o.major * 10 + o.minor);
  }

  @Override
  public String toString() {
    return label();
  }
}
