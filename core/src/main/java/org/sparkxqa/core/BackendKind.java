package org.sparkxqa.core;

import java.util.Locale;

/** Which backend to use: {@code auto} (GPU when usable, else CPU with a logged reason), {@code gpu}, {@code cpu}. */
public enum BackendKind {
    AUTO,
    GPU,
    CPU;

    /** Parses {@code auto|gpu|cpu} (any case). */
    public static BackendKind parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown backend '" + name + "': use auto, gpu or cpu");
        }
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
