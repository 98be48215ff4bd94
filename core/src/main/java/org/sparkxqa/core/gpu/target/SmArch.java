package org.sparkxqa.core.gpu.target;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real GPU architecture {@code sm_XY} (compute capability X.Y) that NVRTC compiles SASS for and a
 * device runs. Validated numbers only: it is safe to turn into a compiler option. {@link #label()}
 * names it to people and is what {@link #parse} reads; {@link #compileTarget()} is what NVRTC is
 * asked for. Immutable.
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

    /** {@code sm_90}: the architecture's name in messages, device descriptions and arguments. */
    public String label() {
        return "sm_" + major + minor;
    }

    /**
     * The NVRTC {@code -arch} value the spec-dec kernel is compiled for on this architecture, also used
     * in the JIT cache key and folder: {@code sm_90a} for compute capability 9.0, {@code sm_XY}
     * otherwise. wgmma (warpgroup MMA) is an arch-specific feature of Hopper that only {@code sm_90a}
     * enables ({@code __CUDA_ARCH_FEAT_SM90_ALL}); compiled for plain {@code sm_90} the kernel silently
     * takes its slower mma.sync path. An {@code sm_90a} CUBIN runs on 9.0 devices only, which is every
     * device this architecture describes.
     */
    public String compileTarget() {
        return major == 9 && minor == 0 ? label() + "a" : label();
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
