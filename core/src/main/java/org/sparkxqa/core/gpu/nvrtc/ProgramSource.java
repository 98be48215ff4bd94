package org.sparkxqa.core.gpu.nvrtc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A self-contained CUDA program for NVRTC: the main source and the headers it includes by plain name
 * ({@code #include "mask.cuh"}). No toolkit headers are needed or given. Immutable.
 *
 * @param name file name of the main source, as it appears in the log (e.g. {@code xqa_specdec.cu})
 * @param text the main source
 * @param headers header name to text, in declaration order (unmodifiable copy)
 */
public record ProgramSource(String name, String text, Map<String, String> headers) {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");

    public ProgramSource {
        requirePlainName(name);
        if (text == null) {
            throw new IllegalArgumentException("no source text for " + name);
        }
        Map<String, String> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            requirePlainName(k);
            copy.put(k, v);
        });
        headers = Collections.unmodifiableMap(copy);
    }

    /** Checks a file name is plain: letters, digits, '_', '.', '-' only; no folders, no "..". */
    public static String requirePlainName(String name) {
        if (name == null || !PLAIN_NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("not a plain source file name: '" + name + "'");
        }
        return name;
    }

    /** The text of the main source or a header; null if there is no such file. */
    public String fileText(String fileName) {
        return fileName.equals(name) ? text : headers.get(fileName);
    }
}
