package org.sparkxqa.spark.job.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at the semicolons that end them: not those inside quotes
 * ({@code '...'}, {@code "..."}, {@code `...`}) or comments ({@code -- ...}, {@code /* ... *}{@code /}).
 * Statements that hold nothing but blanks and comments are dropped. Stateless and thread-safe.
 */
public final class SqlScript {
    private SqlScript() {}

    /** The statements of {@code text}, trimmed, without their semicolons. */
    public static List<String> statements(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean code = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (quote != 0) {
                current.append(c);
                if (c == '\\' && quote != '`' && next != 0) {
                    current.append(next);
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '-' && next == '-' || c == '/' && next == '*') {
                int end = c == '-' ? text.indexOf('\n', i) : text.indexOf("*/", i + 2);
                int stop = end < 0 ? text.length() : c == '-' ? end : end + 2;
                current.append(text, i, stop);
                i = stop - 1;
            } else if (c == ';') {
                add(out, current, code);
                current.setLength(0);
                code = false;
            } else {
                current.append(c);
                quote = c == '\'' || c == '"' || c == '`' ? c : 0;
                code |= !Character.isWhitespace(c);
            }
        }
        add(out, current, code);
        return out;
    }

    private static void add(List<String> out, StringBuilder statement, boolean hasCode) {
        if (hasCode) {
            out.add(statement.toString().strip());
        }
    }
}
