package org.sparkxqa.spark.job;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * The Spark session flag. Without {@code --master}, a master set by {@code spark-submit} is used,
 * else the embedded default {@code local[*]} (then the web UI is off unless configured).
 */
final class SessionOptions {
  @Option(names = "--master", paramLabel = "M",
      description = "Spark master (default: spark.master when set, e.g. by spark-submit; else local[*]).")
  String master;

  /** The active session, or a new one (an existing session is reused as it is, e.g. in tests). */
  SparkSession open(String appName) {
    SparkConf conf = new SparkConf(true);
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (master != null) {
      builder.master(master);
    } else if (!conf.contains("spark.master")) {
      builder.master("local[*]");
    }
    if (!conf.contains("spark.master") && !conf.contains("spark.ui.enabled")) {
      builder.config("spark.ui.enabled", "false");
    }
    return builder.getOrCreate();
  }
}
