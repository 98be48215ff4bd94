package org.sparkxqa.spark.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the deploy tests launch, as the build leaves it in {@code target/}: the JVM flags Spark needs
 * on JDK 25, Spark's own classpath (the "installation", without any Spark XQA class) and the shaded
 * {@code dist} jar, the only place our code comes from.
 */
final class DeployLayout {
    static final Path TARGET = Path.of("target").toAbsolutePath();
    static final Path SCRIPTS = Path.of("..", "scripts").toAbsolutePath().normalize();

    private DeployLayout() {}

    /** {@code target/launcher/jvm.flags}, split. */
    static List<String> jvmFlags() {
        return Arrays.stream(read(TARGET.resolve("launcher/jvm.flags")).trim().split("\\s+"))
                .toList();
    }

    /** Spark's jars (and those it depends on), with no Spark XQA, cuDF, JCuda or picocli jar. */
    static List<Path> sparkJars() {
        List<Path> jars = Arrays.stream(read(TARGET.resolve("launcher/spark-classpath.txt"))
                        .trim()
                        .split(":"))
                .map(Path::of)
                .toList();
        assertTrue(jars.stream().anyMatch(p -> p.getFileName().toString().startsWith("spark-core_")), jars::toString);
        assertFalse(
                jars.stream().anyMatch(p -> p.toString().matches(".*(sparkxqa|cudf|jcuda|picocli).*")),
                "the Spark classpath must not hold our code or what the dist jar carries: " + jars);
        return jars;
    }

    /** The cuDF jar (what GPU users add with {@code --jars}). */
    static Path cudfJar() {
        return Path.of(read(TARGET.resolve("launcher/cudf-classpath.txt")).trim());
    }

    /** The shaded jar given to spark-submit. */
    static Path distJar() {
        try (var files = Files.list(TARGET)) {
            return files.filter(p -> p.getFileName().toString().matches("sparkxqa-spark-.*-dist\\.jar"))
                    .findFirst()
                    .orElseThrow(() ->
                            new AssertionError("no sparkxqa-spark-*-dist.jar in " + TARGET + ": run mvn package"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The java launcher of the JDK running the tests. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + file + ": build spark-plugin first", e);
        }
    }
}
