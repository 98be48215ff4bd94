package org.sparkxqa.core.gpu.nvrtc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.sparkxqa.core.gpu.target.SmArch;

/**
 * NVRTC options built only from validated numbers: a fixed flag set, {@code -arch=} the architecture's
 * {@link SmArch#compileTarget()} ({@code sm_80}, {@code sm_90a}, ...: a real architecture, so NVRTC
 * emits a CUBIN) and {@code -DNAME=<int>} per macro. No user string ever becomes an option. Immutable.
 *
 * @param arch target architecture
 * @param macros macro name (upper-case identifier) to integer value, sorted by name
 */
public record CompileOptions(SmArch arch, SortedMap<String, Integer> macros) {
    /**
     * Flags every compile gets: C++17, functions default to {@code __device__}, and ptxas warnings on
     * register spills and local memory (besides the warnings ptxas always gives, e.g. C7515 on
     * serialised wgmma), which NVRTC puts in the program log ({@link CompileResult#warnings()}). No {@code -lineinfo}:
     * it made each compile ~3% slower and the CUBIN three times larger; profile through the kernel
     * harness ({@code XQA_EXTRA=-lineinfo}, kernels/README.md) instead.
     */
    public static final List<String> FIXED_FLAGS =
            List.of("-std=c++17", "-default-device", "-Xptxas=-warn-spills", "-Xptxas=-warn-lmem-usage");

    private static final Pattern MACRO_NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    public CompileOptions {
        if (arch == null) {
            throw new IllegalArgumentException("no target architecture");
        }
        SortedMap<String, Integer> copy = new TreeMap<>();
        macros.forEach((k, v) -> {
            if (k == null || !MACRO_NAME.matcher(k).matches() || v == null) {
                throw new IllegalArgumentException(
                        "invalid macro " + k + "=" + v + ": names are upper-case identifiers, values integers");
            }
            copy.put(k, v);
        });
        macros = Collections.unmodifiableSortedMap(copy);
    }

    public static CompileOptions of(SmArch arch, Map<String, Integer> macros) {
        return new CompileOptions(arch, new TreeMap<>(macros));
    }

    /** The option strings handed to {@code nvrtcCompileProgram}, in a stable order. */
    public List<String> toList() {
        List<String> out = new ArrayList<>(FIXED_FLAGS);
        out.add("-arch=" + arch.compileTarget());
        macros.forEach((k, v) -> out.add("-D" + k + "=" + v));
        return List.copyOf(out);
    }
}
