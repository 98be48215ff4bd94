package org.sparkxqa.core.gpu.nvrtc;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A successful NVRTC compile: the CUBIN and the program log, which holds the front end's and ptxas's
 * warnings (ptxas lines read {@code ptxas warning : (C7515) ...}). Immutable; the CUBIN array is the
 * caller's.
 *
 * @param cubin the CUBIN bytes
 * @param log NVRTC's program log, unchanged; empty when there was nothing to say
 */
public record CompileResult(byte[] cubin, String log) {
    private static final Pattern WARNING = Pattern.compile("(?i)\\bwarning\\b");

    /** The log's lines that are warnings (ptxas's, e.g. C7515 or a spill, or the front end's), in order. */
    public List<String> warnings() {
        return warnings(log);
    }

    /** The lines of {@code log} that say {@code warning}, stripped. */
    public static List<String> warnings(String log) {
        return log.lines()
                .filter(l -> WARNING.matcher(l).find())
                .map(String::strip)
                .toList();
    }
}
