package org.sparkxqa.spark;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.columnar.InMemoryRelation$;
import org.sparkxqa.spark.cache.XqaCachedBatchSerializer;

/**
 * The small local sessions of the Spark tests. Only one SparkContext can run per JVM: a class that
 * needs its own settings {@link #start}s its session (stopping whatever runs) and stops it at the end;
 * the job tests share one session with the plugin ({@link #shared}), kept until another class needs
 * its own. Spark keeps the cache serializer ({@code spark.sql.cache.serializer}, a static setting) in
 * one JVM-wide field once a session has cached something; starting and stopping a session here clears
 * it, so a class that sets its own serializer does not leave it to the next.
 */
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

    /** Stops any running session, then starts the one {@code builder} describes. */
    public static SparkSession start(SparkSession.Builder builder) {
        stop(running());
        return builder.getOrCreate();
    }

    /**
     * The session the job tests share: {@link #builder} plus {@code spark.plugins=XqaPlugin} and the
     * cache serializer the job's own sessions use ({@code XqaCachedBatchSerializer}).
     */
    public static synchronized SparkSession shared() {
        SparkSession running = running();
        if (running != null
                && running.sparkContext().conf().get("spark.plugins", "").equals(XqaPlugin.class.getName())
                && running.sparkContext().appName().equals("sparkxqa-shared")) {
            return running;
        }
        return start(builder("sparkxqa-shared")
                .config("spark.plugins", XqaPlugin.class.getName())
                .config("spark.sql.cache.serializer", XqaCachedBatchSerializer.class.getName()));
    }

    /** Stops {@code spark}, forgets it as the active and default session and forgets its cache serializer. */
    public static void stop(SparkSession spark) {
        if (spark != null) {
            spark.stop();
        }
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        InMemoryRelation$.MODULE$.clearSerializer();
    }

    private static SparkSession running() {
        SparkSession s = SparkSession.getActiveSession()
                .getOrElse(() -> SparkSession.getDefaultSession().getOrElse(() -> null));
        return s == null || s.sparkContext().isStopped() ? null : s;
    }
}
