package org.sparkxqa.spark.job.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file under a folder (hidden ones included) as relative path -> bytes in hex, for byte-identical checks
 * of job outputs (here and by the command-line tests).
 */
public final class FolderSnapshot {
    private FolderSnapshot() {}

    public static Map<String, String> of(Path folder) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(p).toString(), HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The names in {@code parent} that start with {@code "." + name}: staging or set-aside folders. */
    public static List<String> leftovers(Path parent, String name) {
        try (Stream<Path> all = Files.list(parent)) {
            return all.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("." + name))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
