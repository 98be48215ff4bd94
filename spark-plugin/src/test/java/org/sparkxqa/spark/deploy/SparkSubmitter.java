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
 * Runs the real {@code org.apache.spark.deploy.SparkSubmit} in its own JVM, as the {@code spark-submit}
 * script would: {@code java <jvm.flags> -cp <Spark's jars> SparkSubmit --master M --class XqaJob
 * <conf...> <dist jar> <job args>}. Our code reaches it only through the dist jar.
 */
final class SparkSubmitter {
  static final String JOB = "org.sparkxqa.spark.job.XqaJob";

  /** The shape of the deploy tests' requests ({@link #job} passes it as flags). */
  static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 4, 2, 64);
  /** How long one job step may take, on a loaded 2-core machine. */
  static final Duration STEP = Duration.ofMinutes(3);

  private SparkSubmitter() {}

  /** {@code command}, the test shape (bf16, Hq=4, Hkv=2, D=64), then {@code rest}. */
  static List<String> job(String command, String... rest) {
    List<String> args = new ArrayList<>(List.of(command, "--dtype", "bf16", "--q-heads", "4", "--kv-heads", "2",
        "--head-dim", "64"));
    args.addAll(List.of(rest));
    return args;
  }

  /** Submits the job, waits for it and requires exit code 0; returns what it printed. */
  static String run(String name, String master, Map<String, String> conf, List<String> jobArgs, Path log)
      throws InterruptedException {
    try (JavaProcess job = submit(name, master, conf, jobArgs, Map.of(), log)) {
      assertEquals(0, job.waitFor(STEP), job.tail());
      return job.output();
    }
  }

  /**
   * @param conf Spark settings, each passed as {@code --conf key=value}
   * @param env environment additions for the driver JVM (null values remove a variable)
   */
  static JavaProcess submit(String name, String master, Map<String, String> conf, List<String> jobArgs,
      Map<String, String> env, Path log) {
    List<String> args = new ArrayList<>(List.of("--master", master, "--deploy-mode", "client", "--class", JOB));
    Map<String, String> all = new HashMap<>(Map.of("spark.ui.enabled", "false", "spark.driver.host", "127.0.0.1",
        "spark.driver.bindAddress", "127.0.0.1"));
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
    return JavaProcess.start(name, jvm, DeployLayout.sparkJars(), "org.apache.spark.deploy.SparkSubmit", args,
        environment, log);
  }
}
