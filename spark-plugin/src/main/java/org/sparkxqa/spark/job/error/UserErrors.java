package org.sparkxqa.spark.job.error;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.AnalysisException;
import org.sparkxqa.core.BackendUnavailableException;
import org.sparkxqa.spark.eval.InvalidRowException;

/**
 * Finds the user-facing reason inside an exception that Spark may have wrapped several times (a
 * task failure arrives as a SparkException whose cause, or at least whose text, holds ours).
 * Errors found here are shown as one line, without a stack trace: the job's error handler uses it for
 * every command, and {@code xqa sql} builds its query errors on it. Stateless and thread-safe.
 */
public final class UserErrors {
    private static final Pattern IN_TEXT =
            Pattern.compile("(?:InvalidRowException|BackendUnavailableException|UserInputException): ([^\\n]+)");

    private UserErrors() {}

    /** The one-line message when {@code error} is (or wraps) a user error; empty for a bug. */
    public static Optional<String> message(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof InvalidRowException invalid) {
                return Optional.of("row " + invalid.rowId() + ": " + invalid.reason());
            }
            if (t instanceof BackendUnavailableException
                    || t instanceof UserInputException
                    || t instanceof AnalysisException) {
                return Optional.of(firstLine(t.getMessage()));
            }
        }
        for (Throwable t : seen) {
            Matcher m = IN_TEXT.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return Optional.of(m.group(1).trim());
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
