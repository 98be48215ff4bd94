package org.sparkxqa.core.gpu.jit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.sparkxqa.core.gpu.nvrtc.NvrtcVersion;
import org.sparkxqa.core.gpu.target.KernelVariant;
import org.sparkxqa.core.gpu.target.SmArch;

/**
 * Everything a compiled kernel depends on: every specialising macro (the variant), the NVRTC target
 * ({@link SmArch#compileTarget()}: {@code sm_80}, {@code sm_90a}, ...), the NVRTC version, the source
 * hash and the project version. Equal keys mean interchangeable CUBINs. Also names the disk cache file,
 * readably: {@code <projectVersion>/<sm_90a>-nvrtc13.0/<variant label>-<hash12>.xqacubin} (a CUBIN
 * behind a short text header, see {@link CubinFile}). The key and folder name the real target, so a
 * CUBIN built for plain {@code sm_90} (before wgmma) is never taken for an {@code sm_90a} one.
 * Immutable.
 */
public record JitKey(KernelVariant variant, SmArch arch, NvrtcVersion nvrtc, String sourceHash, String projectVersion) {

    private static final int FORMAT = 1;

    /** One line holding every part of the key; its SHA-256 is the file-name hash. */
    public String canonical() {
        StringBuilder s = new StringBuilder("format=" + FORMAT + ";project=" + projectVersion + ";arch="
                + arch.compileTarget() + ";nvrtc=" + nvrtc + ";source=" + sourceHash);
        variant.macros().forEach((k, v) -> s.append(';').append(k).append('=').append(v));
        return s.toString();
    }

    /** The first 12 hex digits of SHA-256 over {@link #canonical()}. */
    public String hash12() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** The folder of this key's file, relative to the cache root. */
    public Path relativeFolder() {
        return Path.of(safe(projectVersion), arch.compileTarget() + "-" + nvrtc.label());
    }

    /** The file name, e.g. {@code q_bf16-kv_bf16-d128-g4-1a2b3c4d5e6f.xqacubin}. */
    public String fileName() {
        return variant.label() + "-" + hash12() + ".xqacubin";
    }

    /** {@code relativeFolder()/fileName()}. */
    public Path relativePath() {
        return relativeFolder().resolve(fileName());
    }

    /**
     * Whether {@code relativeFolder} (relative to the cache root) is one a cache of this project version
     * and NVRTC uses: the version folder, or one of its {@code <arch>-<nvrtc>} folders (any architecture).
     */
    static boolean isFolderOf(Path relativeFolder, String projectVersion, NvrtcVersion nvrtc) {
        int n = relativeFolder.getNameCount();
        return (n == 1 || n == 2)
                && relativeFolder.getName(0).toString().equals(safe(projectVersion))
                && (n == 1 || relativeFolder.getName(1).toString().endsWith("-" + nvrtc.label()));
    }

    private static String safe(String s) {
        String cleaned = s.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "v" + cleaned : cleaned;
    }

    @Override
    public String toString() {
        return variant.label() + "@" + arch.compileTarget() + "/" + nvrtc.label();
    }
}
