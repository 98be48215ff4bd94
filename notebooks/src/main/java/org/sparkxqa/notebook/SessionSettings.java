package org.sparkxqa.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * The Spark settings of the notebook session: defaults for a local notebook, the Spark XQA plugin
 * when its class is on the class path, and notes saying what was left out and why. Settings given as
 * {@code -Dspark.*} system properties (which Spark reads itself) win over these defaults. Immutable.
 *
 * @param conf settings to apply on the session builder
 * @param pluginLoaded whether {@code spark.plugins} includes {@link #PLUGIN_CLASS}
 * @param notes what the user should know, e.g. why the plugin is missing
 */
public record SessionSettings(Map<String, String> conf, boolean pluginLoaded, List<String> notes) {
    /** The Spark XQA plugin: registers the {@code xqa_*} SQL functions and prepares GPU executors. */
    public static final String PLUGIN_CLASS = "org.sparkxqa.spark.XqaPlugin";

    private static final Map<String, String> DEFAULTS = defaults();

    /**
     * Resolves the settings from the system properties and what the class path holds.
     *
     * @param system the JVM's system properties ({@code spark.*} entries are user settings)
     * @param onClassPath whether a class name can be loaded
     */
    public static SessionSettings resolve(Properties system, Predicate<String> onClassPath) {
        Map<String, String> conf = new LinkedHashMap<>();
        DEFAULTS.forEach((k, v) -> {
            if (system.getProperty(k) == null) {
                conf.put(k, v);
            }
        });
        List<String> notes = new ArrayList<>();
        String plugins = system.getProperty("spark.plugins", "");
        boolean listed = Arrays.asList(plugins.split("\\s*,\\s*")).contains(PLUGIN_CLASS);
        boolean present = onClassPath.test(PLUGIN_CLASS);
        if (present && !listed) {
            conf.put("spark.plugins", plugins.isBlank() ? PLUGIN_CLASS : plugins + "," + PLUGIN_CLASS);
        } else if (!present) {
            notes.add(
                    PLUGIN_CLASS + " is not on the kernel's class path, so the session starts without it and the "
                            + "xqa_* SQL functions are unavailable. Build the spark-plugin module with the plugin "
                            + "(./mvnw -pl kernels,core,spark-plugin install -DskipTests), rebuild notebooks/ and reinstall the kernel.");
            if (listed) {
                conf.put(
                        "spark.plugins",
                        Arrays.stream(plugins.split("\\s*,\\s*"))
                                .filter(p -> !p.equals(PLUGIN_CLASS))
                                .reduce((a, b) -> a + "," + b)
                                .orElse(""));
            }
        }
        return new SessionSettings(Map.copyOf(conf), present, List.copyOf(notes));
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("spark.master", "local[*]");
        d.put("spark.app.name", "Spark XQA notebook");
        d.put("spark.driver.host", "127.0.0.1");
        d.put("spark.driver.bindAddress", "127.0.0.1");
        d.put("spark.sql.shuffle.partitions", "4");
        d.put("spark.xqa.backend", "auto");
        return d;
    }
}
