package org.sparkxqa.spark.executor;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.sparkxqa.spark.config.XqaConf;
import scala.Tuple2;

/**
 * This JVM's Spark settings as executor-side code sees them: {@code SparkEnv}'s configuration (in
 * local mode the driver's), or none outside Spark (then everything has its default). Stateless;
 * thread-safe.
 */
public final class ExecutorSettings {
    private ExecutorSettings() {}

    /** Every Spark setting of this JVM; empty outside Spark. */
    public static Map<String, String> all() {
        SparkEnv env = SparkEnv.get();
        Map<String, String> settings = new HashMap<>();
        if (env != null) {
            for (Tuple2<String, String> kv : env.conf().getAll()) {
                settings.put(kv._1(), kv._2());
            }
        }
        return settings;
    }

    /** This JVM's {@code spark.xqa.*} settings. */
    public static XqaConf xqa() {
        return XqaConf.from(all());
    }

    /** The cores and task slots Spark gives this executor. */
    public static ExecutorCores cores() {
        return ExecutorCores.of(all(), Runtime.getRuntime().availableProcessors());
    }
}
