package org.sparkxqa.spark.job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.sparkxqa.core.BackendKind;
import org.sparkxqa.spark.XqaPlugin;
import org.sparkxqa.spark.XqaSessionExtensions;
import org.sparkxqa.spark.cache.XqaCachedBatchSerializer;
import org.sparkxqa.spark.config.ConfigKey;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.config.XqaConf;
import org.sparkxqa.spark.executor.ExecutorServicesRegistry;
import org.sparkxqa.spark.job.error.UserInputException;
import org.sparkxqa.spark.sql.Scala;

/**
 * The Spark session a job command works in: Spark XQA enabled through
 * {@code spark.plugins=org.sparkxqa.spark.XqaPlugin} (added to any plugins already listed), Spark's
 * in-memory cache in columns the operator reads in place
 * ({@code spark.sql.cache.serializer=org.sparkxqa.spark.cache.XqaCachedBatchSerializer}, unless the
 * configuration names another serializer), the vectorized Parquet scan's columns in native memory
 * ({@code spark.sql.columnVector.offheap.enabled=true} unless set: a scan batch of requests holds
 * hundreds of MB per task, which on the heap made the H100 bench at {@code local[16]} run at its 24 GiB
 * limit), and the command's settings applied. Reuses a running session (tests, notebooks) when it has Spark XQA:
 * the command then gets a {@code newSession()} of it, so its settings do not leak into the caller's
 * session; startup-only {@code spark.xqa.*} settings must then agree with the running ones.
 */
final class JobSession {
    static final String PLUGINS = "spark.plugins";
    static final String CACHE_SERIALIZER = "spark.sql.cache.serializer";
    static final String OFF_HEAP_VECTORS = "spark.sql.columnVector.offheap.enabled";

    private JobSession() {}

    /**
     * @param master the {@code --master} flag, or null: {@code spark.master} when set (spark-submit), else local[*]
     * @param settings Spark settings for this command (e.g. {@code spark.xqa.*} from flags)
     * @throws UserInputException when a running session cannot honour them
     */
    static SparkSession open(String master, String appName, Map<String, String> settings) {
        SparkSession running = SparkSession.getActiveSession()
                .getOrElse(() -> SparkSession.getDefaultSession().getOrElse(() -> null));
        if (running != null && !running.sparkContext().isStopped()) {
            return reuse(running, settings);
        }
        SparkConf conf = new SparkConf(true);
        String effectiveMaster = master != null ? master : conf.get("spark.master", "local[*]");
        openGpuIfLocal(
                effectiveMaster,
                settings.getOrDefault(
                        XqaConf.BACKEND.name(), conf.get(XqaConf.BACKEND.name(), XqaConf.BACKEND.defaultText())));
        SparkSession.Builder builder = SparkSession.builder().appName(appName).master(effectiveMaster);
        if (!conf.contains("spark.master") && !conf.contains("spark.ui.enabled")) {
            builder.config("spark.ui.enabled", "false");
        }
        builder.config(PLUGINS, withPlugin(conf.get(PLUGINS, "")));
        if (!conf.contains(CACHE_SERIALIZER)) {
            builder.config(CACHE_SERIALIZER, XqaCachedBatchSerializer.class.getName());
        }
        if (!conf.contains(OFF_HEAP_VECTORS)) {
            builder.config(OFF_HEAP_VECTORS, "true");
        }
        settings.forEach(builder::config);
        return builder.getOrCreate();
    }

    /**
     * With a local master this JVM is the executor: {@code backend=gpu} is opened now, so that a missing
     * GPU fails as one clear error before Spark starts (the executor plugin then finds it open).
     */
    private static void openGpuIfLocal(String master, String backend) {
        if (master.startsWith("local") && XqaConf.BACKEND.parse(backend) == BackendKind.GPU) {
            ExecutorServicesRegistry.current().executorBackends().get(BackendKind.GPU);
        }
    }

    private static SparkSession reuse(SparkSession running, Map<String, String> settings) {
        SparkConf conf = running.sparkContext().conf();
        if (!conf.get("spark.sql.extensions", "").contains(XqaSessionExtensions.class.getName())) {
            throw new UserInputException("the running Spark session was started without Spark XQA: build it with "
                    + PLUGINS + "=" + XqaPlugin.class.getName());
        }
        SparkSession session = running.newSession();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            ConfigKey<?> key = XqaConf.key(e.getKey());
            if (key != null && key.startupOnly()) {
                Object now = key.parse(conf.get(key.name(), key.defaultText()));
                if (!Objects.equals(now, key.parse(e.getValue()))) {
                    throw new UserInputException("the running Spark session has " + key.name() + "="
                            + conf.get(key.name(), key.defaultText()) + ", read once at startup; " + e.getValue()
                            + " needs a new session");
                }
            } else {
                session.conf().set(e.getKey(), e.getValue());
            }
        }
        return session;
    }

    /** The session's {@code spark.xqa.onInvalidRow}: what the batched operator does with invalid rows. */
    static InvalidRowPolicy onInvalidRow(SparkSession session) {
        return XqaConf.from(Scala.map(session.conf().getAll())).get(XqaConf.ON_INVALID_ROW);
    }

    /** {@code plugins} with {@link XqaPlugin} appended unless listed. */
    static String withPlugin(String plugins) {
        List<String> all = new ArrayList<>(Arrays.stream(plugins.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList());
        if (!all.contains(XqaPlugin.class.getName())) {
            all.add(XqaPlugin.class.getName());
        }
        return String.join(",", all);
    }
}
