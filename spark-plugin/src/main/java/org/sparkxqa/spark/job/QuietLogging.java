package org.sparkxqa.spark.job;

/**
 * Makes the embedded job's console readable: Spark, Hadoop and Parquet log at WARN or above, Spark
 * XQA at INFO, and task failures are left to the job's one-line error report. Does nothing under
 * {@code spark-submit} or when a log4j2 configuration is given, so the user's own setup wins.
 */
final class QuietLogging {
    static final String CONFIG = "org/sparkxqa/spark/job/xqa-log4j2.properties";

    private QuietLogging() {}

    /** Must run before anything initialises log4j2 (i.e. before Spark starts). */
    static void installUnlessConfigured() {
        boolean underSparkSubmit = System.getProperty("spark.master") != null;
        if (!underSparkSubmit
                && System.getProperty("log4j2.configurationFile") == null
                && System.getProperty("log4j.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:" + CONFIG);
        }
    }
}
