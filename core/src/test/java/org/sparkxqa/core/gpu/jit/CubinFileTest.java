package org.sparkxqa.core.gpu.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.nvrtc.NvrtcVersion;
import org.sparkxqa.core.gpu.target.KernelVariant;
import org.sparkxqa.core.gpu.target.SmArch;

/** The file format and atomic replacement, without NVRTC. */
class CubinFileTest {
    private static final JitKey KEY = new JitKey(
            new KernelVariant(ElementType.BF16, ElementType.BF16, 128, 8),
            SmArch.SM_90,
            new NvrtcVersion(13, 0),
            "00".repeat(32),
            "t");

    @TempDir
    Path dir;

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void roundTripsAndLeavesNoTempFiles() throws IOException {
        Path file = dir.resolve(KEY.fileName());
        byte[] cubin = random(123_457, 1);
        CubinFile.write(file, KEY, cubin);
        assertArrayEquals(cubin, CubinFile.read(file, KEY));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void replacesByRenameSoAnOpenReaderKeepsTheOldCompleteFile() throws IOException {
        Path file = dir.resolve(KEY.fileName());
        byte[] v1 = random(200_000, 1);
        CubinFile.write(file, KEY, v1);
        long expectedLength = Files.size(file);
        try (InputStream oldReader = Files.newInputStream(file)) {
            CubinFile.write(file, KEY, random(50_000, 2));
            byte[] seen = oldReader.readAllBytes();
            assertEquals(expectedLength, seen.length, "an in-place overwrite would have cut the old file short");
            assertArrayEquals(v1, Arrays.copyOfRange(seen, seen.length - v1.length, seen.length));
        }
        assertEquals(50_000, CubinFile.read(file, KEY).length);
    }

    @Test
    void concurrentReadersSeeTheOldOrTheNewFileNeverAPartialOne() throws Exception {
        Path file = dir.resolve(KEY.fileName());
        byte[][] versions = {random(1 << 20, 1), random(300_000, 2), random(2 << 20, 3)};
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                try {
                    byte[] got = CubinFile.read(file, KEY);
                    assertTrue(Arrays.stream(versions).anyMatch(v -> Arrays.equals(v, got)));
                    reads.incrementAndGet();
                } catch (NoSuchFileException notYet) {
                    // before the first rename
                } catch (IOException e) {
                    fail("a reader saw a partial or corrupt file: " + e.getMessage());
                }
            }
        });
        Throwable[] thrown = new Throwable[1];
        reader.setUncaughtExceptionHandler((t, e) -> thrown[0] = e);
        reader.start();
        for (int i = 0; i < 150; i++) {
            CubinFile.write(file, KEY, versions[i % versions.length]);
        }
        writing.set(false);
        reader.join();
        if (thrown[0] != null) {
            fail(thrown[0]);
        }
        assertTrue(reads.get() > 0, "the reader never read");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp files left behind");
        }
    }
}
