package org.sparkxqa.core.gpu.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sparkxqa.core.gpu.KernelVariant;

/**
 * The kernel sources from the class path ({@code org/sparkxqa/kernels/sources.txt} lists them, the
 * main .cu first; the others are headers it includes by plain name) and the NVRTC options of a
 * variant. Options are built from validated numbers only.
 */
public final class KernelSources {
  private KernelSources() {}

  /** One source file: its name as the includes spell it, and its text. */
  public record Source(String name, String text) {}

  /** All sources, main first. */
  public static List<Source> load() {
    List<Source> out = new ArrayList<>();
    for (String line : read(KernelEntry.SOURCE_LIST).split("\n")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        out.add(new Source(name, read(name)));
      }
    }
    if (out.isEmpty() || !out.get(0).name().endsWith(".cu")) {
      throw new IllegalStateException(KernelEntry.SOURCE_LIST + " must list the main .cu first");
    }
    return out;
  }

  /** NVRTC options for a variant and target, e.g. {@code sm_90}: arch, C++17, the variant's macros. */
  public static List<String> options(KernelVariant variant, int smMajor, int smMinor) {
    if (smMajor < 8 || smMajor > 12 || smMinor < 0 || smMinor > 9) {
      throw new IllegalArgumentException("unsupported target sm_" + smMajor + smMinor + " (need sm_80 or newer)");
    }
    List<String> opts = new ArrayList<>(List.of("-arch=sm_" + smMajor + smMinor, "-std=c++17"));
    for (Map.Entry<String, Integer> m : variant.macros().entrySet()) {
      opts.add("-D" + m.getKey() + "=" + m.getValue());
    }
    return opts;
  }

  private static String read(String name) {
    String path = KernelEntry.RESOURCE_DIR + name;
    try (InputStream in = KernelSources.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("kernel source " + path + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kernel source " + path, e);
    }
  }
}
