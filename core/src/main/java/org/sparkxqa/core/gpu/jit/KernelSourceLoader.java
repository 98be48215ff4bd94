package org.sparkxqa.core.gpu.jit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.sparkxqa.core.gpu.nvrtc.ProgramSource;

/**
 * Reads kernel sources from the classpath: {@code <folder>/sources.txt} lists the files, one per
 * line ({@code #} starts a comment line, blank lines are ignored), main {@code .cu} first. Names must
 * be plain file names in the same folder. Stateless; thread-safe.
 */
public final class KernelSourceLoader {
    /** Where the kernels module packages the spec-dec kernel. */
    public static final String KERNEL_FOLDER = "org/sparkxqa/kernels";
    /** The list file's name inside a folder. */
    public static final String LIST_FILE = "sources.txt";

    private KernelSourceLoader() {}

    /** The spec-dec kernel's sources from this class's loader, if the kernels module is on the classpath. */
    public static Optional<KernelSources> kernel() {
        return load(KernelSourceLoader.class.getClassLoader(), KERNEL_FOLDER);
    }

    /**
     * Loads {@code folder/sources.txt} and the files it lists.
     *
     * @return empty when there is no {@code sources.txt} in that folder
     * @throws IllegalStateException when the list is empty, names a bad or missing file
     */
    public static Optional<KernelSources> load(ClassLoader loader, String folder) {
        String base = folder.endsWith("/") ? folder : folder + "/";
        String list = read(loader, base + LIST_FILE);
        if (list == null) {
            return Optional.empty();
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (String raw : list.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String name;
            try {
                name = ProgramSource.requirePlainName(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(base + LIST_FILE + ": " + e.getMessage(), e);
            }
            String text = read(loader, base + name);
            if (text == null) {
                throw new IllegalStateException(
                        base + LIST_FILE + " lists " + name + ", which is not on the classpath");
            }
            if (files.put(name, text) != null) {
                throw new IllegalStateException(base + LIST_FILE + " lists " + name + " twice");
            }
        }
        if (files.isEmpty()) {
            throw new IllegalStateException(base + LIST_FILE + " lists no files");
        }
        return Optional.of(new KernelSources("classpath:" + base, files));
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
