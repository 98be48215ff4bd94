package org.sparkxqa.spark.plugin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.spark.config.XqaConf;
import scala.Tuple2;

/**
 * Driver side of {@code XqaPlugin}. Runs inside SparkContext construction, before any session is
 * built: validates every {@code spark.xqa.*} key (a bad one fails SparkContext start, naming it) and
 * appends the session extensions class it is given ({@code XqaSessionExtensions}, named by
 * {@code XqaPlugin}, so this package does not depend on the SQL side) to {@code spark.sql.extensions}
 * in the context's own conf, which the session builder reads next (what spark-rapids and Comet do).
 */
public final class XqaDriverPlugin implements DriverPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(XqaDriverPlugin.class);
    static final String EXTENSIONS_KEY = "spark.sql.extensions";
    private final String extensions;

    /** @param extensions the class name to add to {@code spark.sql.extensions} */
    public XqaDriverPlugin(String extensions) {
        this.extensions = extensions;
    }

    @Override
    public Map<String, String> init(SparkContext sc, PluginContext ctx) {
        XqaConf conf = validate(sc.conf());
        addExtensions(sc.conf(), extensions);
        LOG.info(
                "Spark XQA driver plugin: spark.xqa.backend={}, session extensions added ({})",
                conf.get(XqaConf.BACKEND).configName(),
                sc.conf().get(EXTENSIONS_KEY));
        return Map.of();
    }

    /** Validates the {@code spark.xqa.*} entries of {@code conf}. */
    public static XqaConf validate(SparkConf conf) {
        try {
            return XqaConf.from(settings(conf));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Spark XQA: invalid configuration: " + e.getMessage(), e);
        }
    }

    /** Appends the extensions class {@code name} to {@code spark.sql.extensions} unless it is already listed. */
    public static void addExtensions(SparkConf conf, String name) {
        List<String> classes =
                new ArrayList<>(Arrays.stream(conf.get(EXTENSIONS_KEY, "").split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList());
        if (!classes.contains(name)) {
            classes.add(name);
            conf.set(EXTENSIONS_KEY, String.join(",", classes));
        }
    }

    /** Every entry of {@code conf} as a map. */
    public static Map<String, String> settings(SparkConf conf) {
        Map<String, String> settings = new HashMap<>();
        for (Tuple2<String, String> kv : conf.getAll()) {
            settings.put(kv._1(), kv._2());
        }
        return settings;
    }
}
