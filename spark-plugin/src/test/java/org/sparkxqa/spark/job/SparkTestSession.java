package org.sparkxqa.spark.job;

import org.apache.spark.sql.SparkSession;

/**
 * The one local[2] Spark session all Spark tests of this module share (the job's commands reuse an
 * active session). It lives until the test JVM exits.
 */
final class SparkTestSession {
  private SparkTestSession() {}

  static synchronized SparkSession get() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("sparkxqa-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }
}
