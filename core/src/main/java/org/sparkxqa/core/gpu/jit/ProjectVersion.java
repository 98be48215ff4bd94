package org.sparkxqa.core.gpu.jit;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project version the build wrote into {@code xqa-version.properties}; part of every JIT key. */
public final class ProjectVersion {
    private static final String RESOURCE = "/org/sparkxqa/core/xqa-version.properties";
    private static final String VERSION = read();

    private ProjectVersion() {}

    /** E.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the resource is missing (a broken build). */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = ProjectVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").strip();
            return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
