package org.sparkxqa.spark.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;

/**
 * One run of the real {@code org.apache.spark.deploy.SparkSubmit} in its own JVM, as the
 * {@code spark-submit} script would start it: {@code java <jvm.flags> -cp <Spark's jars> SparkSubmit
 * --master M --class XqaJob --conf ... <dist jar> <job args>}. Our code reaches it only through the
 * dist jar. Immutable; the {@code with...} methods return changed copies.
 *
 * @param conf Spark settings, each passed as {@code --conf key=value}
 * @param env environment additions for the driver JVM (null values remove a variable)
 * @param extraClasspath jars added to the installation's classpath (as if dropped into {@code jars/})
 */
record Submission(
        String name,
        String master,
        List<String> jobArgs,
        Map<String, String> conf,
        Map<String, String> env,
        List<Path> extraClasspath) {
    static final String JOB = "org.sparkxqa.spark.job.XqaJob";
    /** The shape of the deploy tests' requests ({@link #job} passes it as flags). */
    static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 4, 2, 64);
    /** How long one job step may take, on a loaded 2-core machine. */
    static final Duration STEP = Duration.ofMinutes(3);

    /** {@code command}, the test shape (bf16, Hq=4, Hkv=2, D=64), then {@code rest}. */
    static List<String> job(String command, String... rest) {
        List<String> args = new ArrayList<>(
                List.of(command, "--dtype", "bf16", "--q-heads", "4", "--kv-heads", "2", "--head-dim", "64"));
        args.addAll(List.of(rest));
        return args;
    }

    static Submission of(String name, String master, List<String> jobArgs) {
        return new Submission(name, master, jobArgs, Map.of(), Map.of(), List.of());
    }

    Submission withConf(Map<String, String> more) {
        return new Submission(name, master, jobArgs, more, env, extraClasspath);
    }

    Submission withEnv(Map<String, String> more) {
        return new Submission(name, master, jobArgs, conf, more, extraClasspath);
    }

    Submission withClasspath(List<Path> more) {
        return new Submission(name, master, jobArgs, conf, env, more);
    }

    /** Starts spark-submit; its output goes to {@code log}. */
    JavaProcess start(Path log) {
        List<String> args = new ArrayList<>(List.of("--master", master, "--deploy-mode", "client", "--class", JOB));
        Map<String, String> all = new HashMap<>(Map.of(
                "spark.ui.enabled",
                "false",
                "spark.driver.host",
                "127.0.0.1",
                "spark.driver.bindAddress",
                "127.0.0.1"));
        all.putAll(conf);
        all.forEach((k, v) -> args.addAll(List.of("--conf", k + "=" + v)));
        args.add(DeployLayout.distJar().toString());
        args.addAll(jobArgs);
        Map<String, String> environment = new HashMap<>();
        environment.put("SPARK_HOME", null);
        environment.put("SPARK_CONF_DIR", null);
        environment.putAll(env);
        List<String> jvm = new ArrayList<>(DeployLayout.jvmFlags());
        jvm.add("-Xmx512m");
        List<Path> classpath = new ArrayList<>(DeployLayout.sparkJars());
        classpath.addAll(extraClasspath);
        return JavaProcess.start(name, jvm, classpath, "org.apache.spark.deploy.SparkSubmit", args, environment, log);
    }

    /** Runs spark-submit to its end and requires exit code 0; returns what it printed. */
    String run(Path log) throws InterruptedException {
        try (JavaProcess job = start(log)) {
            assertEquals(0, job.waitFor(STEP), job.tail());
            return job.output();
        }
    }
}
