package org.sparkxqa.spark.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the real {@code org.apache.spark.deploy.SparkSubmit} in its own JVM, as the {@code spark-submit}
 * script would: {@code java <jvm.flags> -cp <Spark's jars> SparkSubmit --master M --class XqaJob
 * <conf...> <dist jar> <job args>}. Our code reaches it only through the dist jar.
 */
final class SparkSubmitter {
  static final String JOB = "org.sparkxqa.spark.job.XqaJob";

  private SparkSubmitter() {}

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
