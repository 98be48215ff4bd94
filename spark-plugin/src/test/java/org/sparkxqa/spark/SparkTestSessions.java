package org.sparkxqa.spark;

import org.apache.spark.sql.SparkSession;

/** Builds the small local sessions the Spark tests share (one per test class). */
public final class SparkTestSessions {
  private SparkTestSessions() {}

  /** local[2], no UI, few shuffle partitions, CPU backend. */
  public static SparkSession.Builder builder(String app) {
    return SparkSession.builder()
        .master("local[2]")
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.xqa.backend", "cpu");
  }

  /** Stops {@code spark} and forgets it as the active and default session. */
  public static void stop(SparkSession spark) {
    if (spark != null) {
      spark.stop();
    }
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
  }
}
