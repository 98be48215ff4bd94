package org.sparkxqa.notebook;

import com.google.gson.GsonBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the kernelspec folder ({@code kernel.json}) that makes Jupyter start {@link KernelMain} with
 * the JDK, JVM flags and class path of the JVM running this class. Usage, from bin/xqa-notebook:
 * {@code java -cp CP org.sparkxqa.notebook.KernelSpec DIR [--jvm-flags-file F] [--java-opt OPT]...}.
 */
public final class KernelSpec {
    /** Name shown in Jupyter's kernel list. */
    public static final String DISPLAY_NAME = "Spark XQA (Java)";

    private KernelSpec() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args[0].startsWith("-")) {
            System.err.println("usage: KernelSpec DIR [--jvm-flags-file FILE] [--java-opt OPTION]...");
            System.exit(2);
        }
        List<String> flags = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--jvm-flags-file" ->
                    flags.addAll(Arrays.asList(
                            Files.readString(Path.of(args[++i])).trim().split("\\s+")));
                case "--java-opt" -> flags.add(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path file = write(Path.of(args[0]), argv(java, flags, System.getProperty("java.class.path")));
        System.out.println("wrote " + file.toAbsolutePath());
    }

    /** The kernel's command line; Jupyter replaces {@code {connection_file}}. Class path entries are made absolute. */
    public static List<String> argv(String java, List<String> jvmFlags, String classPath) {
        List<String> argv = new ArrayList<>(List.of(java));
        jvmFlags.stream().filter(f -> !f.isBlank()).forEach(argv::add);
        argv.add("-Djava.awt.headless=true");
        argv.add("-cp");
        argv.add(Arrays.stream(classPath.split(File.pathSeparator))
                .filter(s -> !s.isBlank())
                .map(s -> Path.of(s).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator)));
        argv.add(KernelMain.class.getName());
        argv.add("{connection_file}");
        return argv;
    }

    /** Writes {@code dir/kernel.json} for {@code argv} and returns its path. */
    public static Path write(Path dir, List<String> argv) throws IOException {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv);
        spec.put("display_name", DISPLAY_NAME);
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.put("metadata", Map.of("debugger", false));
        Files.createDirectories(dir);
        Path file = dir.resolve("kernel.json");
        Files.writeString(
                file,
                new GsonBuilder()
                                .setPrettyPrinting()
                                .disableHtmlEscaping()
                                .create()
                                .toJson(spec) + "\n");
        return file;
    }
}
