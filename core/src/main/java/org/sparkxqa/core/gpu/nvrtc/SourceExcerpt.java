package org.sparkxqa.core.gpu.nvrtc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbered source lines around the errors an NVRTC log reports ({@code file.cu(12): error: ...}),
 * marked with {@code >}, so a compile failure can be read without opening the resources. Stateless.
 */
public final class SourceExcerpt {
    /** Lines shown before and after each error line. */
    public static final int CONTEXT = 3;

    private static final int MAX_ERRORS = 20;
    private static final Pattern ERROR =
            Pattern.compile("^(.+?)\\((\\d+)\\): (?:catastrophic )?error", Pattern.MULTILINE);

    private SourceExcerpt() {}

    /** The excerpt for every error position in {@code log} that names a file of {@code source}. */
    public static String of(ProgramSource source, String log) {
        Map<String, TreeSet<Integer>> errors = new LinkedHashMap<>();
        Matcher m = ERROR.matcher(log == null ? "" : log);
        int count = 0;
        while (m.find() && count < MAX_ERRORS) {
            String file = m.group(1).trim();
            if (source.fileText(file) != null) {
                errors.computeIfAbsent(file, f -> new TreeSet<>()).add(Integer.parseInt(m.group(2)));
                count++;
            }
        }
        StringBuilder out = new StringBuilder();
        errors.forEach((file, lines) -> appendFile(out, file, lines(source.fileText(file)), lines));
        return out.toString();
    }

    private static String[] lines(String text) {
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return t.split("\n", -1);
    }

    private static void appendFile(StringBuilder out, String file, String[] text, TreeSet<Integer> errorLines) {
        out.append("---- ").append(file).append(" ----\n");
        int width = String.valueOf(text.length).length();
        int shownUpTo = 0;
        for (int line : errorLines) {
            int from = Math.max(Math.max(1, line - CONTEXT), shownUpTo + 1);
            int to = Math.min(text.length, line + CONTEXT);
            if (from > shownUpTo + 1 && shownUpTo > 0) {
                out.append("  ...\n");
            }
            for (int i = from; i <= to; i++) {
                out.append(errorLines.contains(i) ? "> " : "  ")
                        .append(String.format("%" + width + "d", i))
                        .append(" | ")
                        .append(text[i - 1])
                        .append('\n');
            }
            shownUpTo = Math.max(shownUpTo, to);
        }
    }
}
