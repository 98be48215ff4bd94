package org.sparkxqa.spark.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * One {@code spark.xqa.*} setting: its name, documentation, type, default, parser/validator and whether
 * it is read only at startup. Immutable; declared once, in {@link XqaConf}.
 *
 * @param <T> the parsed value type
 */
public final class ConfigKey<T> {
    private final String name;
    private final String doc;
    private final String type;
    private final String defaultText;
    private final Function<String, T> parser;
    private final boolean startupOnly;

    ConfigKey(
            String name, String type, String defaultText, boolean startupOnly, Function<String, T> parser, String doc) {
        this.name = name;
        this.doc = doc;
        this.type = type;
        this.defaultText = defaultText;
        this.parser = parser;
        this.startupOnly = startupOnly;
        parse(defaultText);
    }

    /** The full key, e.g. {@code spark.xqa.backend}. */
    public String name() {
        return name;
    }

    public String doc() {
        return doc;
    }

    /** A human-readable type, e.g. {@code int (>= 1)} or {@code auto|gpu|cpu}. */
    public String type() {
        return type;
    }

    public String defaultText() {
        return defaultText;
    }

    /** Read once when an executor (or the driver) starts; changing it later has no effect. */
    public boolean startupOnly() {
        return startupOnly;
    }

    /** The default value. */
    public T defaultValue() {
        return parse(defaultText);
    }

    /** Parses and validates a value; errors name the key, the value and what is allowed. */
    public T parse(String text) {
        try {
            return parser.apply(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "invalid value '" + text + "' for " + name + ": " + e.getMessage() + " (expected " + type + ")", e);
        }
    }

    static int positiveInt(String s) {
        int v = Integer.parseInt(s);
        if (v < 1) {
            throw new IllegalArgumentException("must be >= 1");
        }
        return v;
    }

    static long bytes(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        long unit = t.endsWith("g") ? 1L << 30 : t.endsWith("m") ? 1L << 20 : t.endsWith("k") ? 1L << 10 : 1L;
        long v = Long.parseLong(unit == 1L ? t : t.substring(0, t.length() - 1)) * unit;
        if (v < 1) {
            throw new IllegalArgumentException("must be positive");
        }
        return v;
    }

    static long atLeastOneMiB(String s) {
        long v = bytes(s);
        if (v < 1L << 20) {
            throw new IllegalArgumentException("must be at least 1m");
        }
        return v;
    }

    static boolean bool(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + s + "' is not true or false");
        };
    }

    static double fraction(String s) {
        double v = Double.parseDouble(s);
        if (!(v > 0 && v <= 0.95)) {
            throw new IllegalArgumentException("must be in (0, 0.95]");
        }
        return v;
    }
}
