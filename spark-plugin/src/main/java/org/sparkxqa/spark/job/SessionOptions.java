package org.sparkxqa.spark.job;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * The Spark session flag. Without {@code --master}, a master set by {@code spark-submit} is used,
 * else the embedded default {@code local[*]} (then the web UI is off unless configured). The session
 * always has Spark XQA ({@link JobSession}).
 */
final class SessionOptions {
    @Option(
            names = "--master",
            paramLabel = "M",
            description = "Spark master (default: spark.master when set, e.g. by spark-submit; else local[*]).")
    String master;

    /** The command's session with these settings (see {@link JobSession#open}). */
    SparkSession open(String appName, Map<String, String> settings) {
        return JobSession.open(master, appName, settings);
    }

    /** The command's session with no settings of its own. */
    SparkSession open(String appName) {
        return open(appName, Map.of());
    }
}
