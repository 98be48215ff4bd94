package org.sparkxqa.core.gpu.jit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkxqa.core.gpu.nvrtc.ProgramSource;

/**
 * The kernel's source files as listed by {@code sources.txt}: the first is the main {@code .cu}, the
 * rest are headers it includes by plain name. {@link #sha256()} covers every file's name and bytes,
 * so any edit changes the JIT cache key. Immutable.
 */
public final class KernelSources {
    private final String origin;
    private final Map<String, String> files;
    private final String sha256;

    /**
     * @param origin where the files came from (for messages), e.g. a classpath folder
     * @param files file name to text in {@code sources.txt} order; the first entry is the main source
     */
    public KernelSources(String origin, Map<String, String> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no kernel source files in " + origin);
        }
        this.origin = origin;
        this.files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        this.sha256 = hash(this.files);
    }

    private static String hash(Map<String, String> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> f : files.entrySet()) {
                byte[] name = f.getKey().getBytes(StandardCharsets.UTF_8);
                byte[] text = f.getValue().getBytes(StandardCharsets.UTF_8);
                md.update((name.length + ":" + text.length + ":").getBytes(StandardCharsets.UTF_8));
                md.update(name);
                md.update(text);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Where the sources were read from. */
    public String origin() {
        return origin;
    }

    /** The name of the main source file. */
    public String mainName() {
        return files.keySet().iterator().next();
    }

    /** All files, main first (unmodifiable). */
    public Map<String, String> files() {
        return files;
    }

    /** Hex SHA-256 over all files (names, lengths and bytes, in order). */
    public String sha256() {
        return sha256;
    }

    /** The sources as an NVRTC program: the main file plus every other file as a named header. */
    public ProgramSource program() {
        Map<String, String> headers = new LinkedHashMap<>(files);
        String main = headers.remove(mainName());
        return new ProgramSource(mainName(), main, headers);
    }
}
