package org.sparkxqa.spark.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The smallest SPARK_HOME a standalone Worker needs to launch executors: its
 * {@code ExecutorRunner} builds the executor command with Spark's {@code WorkerCommandBuilder},
 * whose classpath is {@code $SPARK_HOME/conf} plus {@code $SPARK_HOME/jars/*} (it fails without
 * {@code jars/}). So: {@code jars/} linking Spark's jars from the Maven repository, and an empty
 * {@code conf/} (optional; no spark-defaults.conf or java-opts in it). The Scala version of
 * the jars, which that builder otherwise looks for in a source tree, comes from
 * {@code SPARK_SCALA_VERSION} ({@link #SCALA_VERSION_ENV}).
 */
final class SparkHome {
    /** What the Worker's environment needs besides {@code SPARK_HOME}. */
    static final String SCALA_VERSION_ENV = "SPARK_SCALA_VERSION";

    private SparkHome() {}

    /** Creates the folder under {@code parent} and returns it. */
    static Path create(Path parent, List<Path> sparkJars) throws IOException {
        Path home = Files.createDirectories(parent.resolve("spark-home"));
        Path jars = Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        for (Path jar : sparkJars) {
            if (jar.getFileName().toString().endsWith(".jar")) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
            }
        }
        return home;
    }
}
