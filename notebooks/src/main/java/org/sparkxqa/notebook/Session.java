package org.sparkxqa.notebook;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notebook's one {@link SparkSession}, created on first use with {@link SessionSettings}. Snippets
 * reach it through the {@code spark} variable the kernel's startup snippet binds
 * ({@code var spark = org.sparkxqa.notebook.Session.spark();}). Thread-safe.
 */
public final class Session {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static SparkSession spark;
    private static SessionSettings settings;

    private Session() {}

    /** The session, started on the first call (local[*], the Spark XQA plugin when on the class path). */
    public static synchronized SparkSession spark() {
        if (spark == null) {
            settings = SessionSettings.resolve(System.getProperties(), Session::onClassPath);
            settings.notes().forEach(LOG::warn);
            SparkSession.Builder builder = SparkSession.builder();
            settings.conf().forEach(builder::config);
            spark = builder.getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
        }
        return spark;
    }

    /** Whether the session was started with the Spark XQA plugin. Starts the session if needed. */
    public static boolean pluginLoaded() {
        spark();
        return settings.pluginLoaded();
    }

    /** What the user should know about the session (e.g. why the plugin is missing). */
    public static synchronized List<String> notes() {
        spark();
        return settings.notes();
    }

    /** A few lines describing the session: Spark version, master, plugin, backend setting and notes. */
    public static String describe() {
        SparkSession s = spark();
        StringBuilder out = new StringBuilder()
                .append("Spark ")
                .append(s.version())
                .append(" (")
                .append(s.sparkContext().master())
                .append("), Java ")
                .append(Runtime.version())
                .append('\n')
                .append("Spark XQA plugin: ")
                .append(pluginLoaded() ? "loaded" : "not loaded")
                .append('\n')
                .append("spark.xqa.backend = ")
                .append(s.conf().get("spark.xqa.backend", "auto"));
        notes().forEach(n -> out.append("\nnote: ").append(n));
        return out.toString();
    }

    /** Cancels every running Spark job of the session, if one was started. */
    public static synchronized void cancelAll() {
        if (spark != null) {
            spark.sparkContext().cancelAllJobs();
        }
    }

    /** Stops the session, if one was started; the next {@link #spark()} starts a new one. */
    public static synchronized void stop() {
        if (spark != null) {
            spark.stop();
            spark = null;
        }
    }

    static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, Session.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
