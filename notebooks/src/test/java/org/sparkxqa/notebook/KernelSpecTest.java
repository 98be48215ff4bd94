package org.sparkxqa.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecTest {
    @Test
    void kernelJsonStartsKernelMainWithFlagsAndAbsoluteClassPath(@TempDir Path dir) throws Exception {
        List<String> argv = KernelSpec.argv(
                "/jdk/bin/java",
                List.of("--add-opens=java.base/java.nio=ALL-UNNAMED", " "),
                "target/classes" + File.pathSeparator + "/m2/a.jar");
        Path file = KernelSpec.write(dir.resolve("sparkxqa-java"), argv);
        JsonObject spec = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertEquals("Spark XQA (Java)", spec.get("display_name").getAsString());
        assertEquals("java", spec.get("language").getAsString());
        assertEquals("message", spec.get("interrupt_mode").getAsString());
        List<String> back = spec.getAsJsonArray("argv").asList().stream()
                .map(e -> e.getAsString())
                .toList();
        assertEquals(
                List.of(
                        "/jdk/bin/java",
                        "--add-opens=java.base/java.nio=ALL-UNNAMED",
                        "-Djava.awt.headless=true",
                        "-cp",
                        Path.of("target/classes").toAbsolutePath() + File.pathSeparator + "/m2/a.jar",
                        "org.sparkxqa.notebook.KernelMain",
                        "{connection_file}"),
                back);
    }

    @Test
    void mainReadsTheBuildsJvmFlagsFile(@TempDir Path dir) throws Exception {
        Path flags = Files.writeString(
                dir.resolve("jvm.flags"), "-XX:+IgnoreUnrecognizedVMOptions --enable-native-access=ALL-UNNAMED\n");
        KernelSpec.main(
                new String[] {dir.resolve("k").toString(), "--jvm-flags-file", flags.toString(), "--java-opt", "-Xmx2g"
                });
        String json = Files.readString(dir.resolve("k/kernel.json"));
        assertTrue(
                json.contains(
                        "\"-XX:+IgnoreUnrecognizedVMOptions\",\n    \"--enable-native-access=ALL-UNNAMED\",\n    \"-Xmx2g\""),
                json);
        assertTrue(
                json.contains(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                json);
    }
}
