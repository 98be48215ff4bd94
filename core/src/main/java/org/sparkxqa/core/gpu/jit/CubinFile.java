package org.sparkxqa.core.gpu.jit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The disk cache's file format: a few text lines, a blank line, then the raw CUBIN.
 * <pre>
 * xqa-cubin 1
 * key &lt;JitKey.canonical()&gt;
 * sha256 &lt;hex SHA-256 of the CUBIN&gt;
 * length &lt;CUBIN bytes&gt;
 *
 * &lt;CUBIN&gt;
 * </pre>
 * {@code head -4 f} shows what a file holds; {@code tail -c <length> f > k.cubin} extracts the CUBIN
 * for {@code cuobjdump}. Writes are atomic (temp file in the same folder, fsync, rename); reads verify
 * key, length and hash. Stateless; thread-safe.
 */
final class CubinFile {
    static final String MAGIC = "xqa-cubin 1";
    private static final int MAX_HEADER = 8192;

    private CubinFile() {}

    /** A file exists but does not hold a valid CUBIN for the expected key. */
    static final class CorruptException extends IOException {
        CorruptException(Path file, String why) {
            super(file + ": " + why);
        }
    }

    /** Writes atomically: readers see the old file or the complete new one, never a partial one. */
    static void write(Path file, JitKey key, byte[] cubin) throws IOException {
        String header =
                MAGIC + "\nkey " + key.canonical() + "\nsha256 " + sha256(cubin) + "\nlength " + cubin.length + "\n\n";
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch =
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer[] parts = {ByteBuffer.wrap(header.getBytes(StandardCharsets.UTF_8)), ByteBuffer.wrap(cubin)};
                while (parts[1].hasRemaining()) {
                    ch.write(parts);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(
                        "the cache folder's file system cannot rename atomically: " + file.getParent(), e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads and verifies a file written by {@link #write}. */
    static byte[] read(Path file, JitKey expected) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int end = headerEnd(all);
        if (end < 0) {
            throw new CorruptException(file, "no xqa-cubin header");
        }
        String[] lines = new String(all, 0, end, StandardCharsets.UTF_8).split("\n");
        if (lines.length < 4 || !lines[0].equals(MAGIC)) {
            throw new CorruptException(file, "not an " + MAGIC + " file");
        }
        if (!lines[1].equals("key " + expected.canonical())) {
            throw new CorruptException(file, "written for another key: " + lines[1]);
        }
        byte[] cubin = Arrays.copyOfRange(all, end + 2, all.length);
        if (!lines[3].equals("length " + cubin.length)) {
            throw new CorruptException(
                    file, "truncated or padded: header says " + lines[3] + ", found " + cubin.length);
        }
        if (!lines[2].equals("sha256 " + sha256(cubin))) {
            throw new CorruptException(file, "content hash mismatch");
        }
        return cubin;
    }

    private static int headerEnd(byte[] all) {
        for (int i = 0; i + 1 < Math.min(all.length, MAX_HEADER); i++) {
            if (all[i] == '\n' && all[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
