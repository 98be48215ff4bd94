package org.sparkxqa.core.gpu.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.TestKernel;
import org.sparkxqa.core.gpu.nvrtc.Nvrtc;
import org.sparkxqa.core.gpu.target.KernelVariant;
import org.sparkxqa.core.gpu.target.SmArch;

/** The JIT cache with real NVRTC and a disk folder: round trip, corruption, folder permissions. */
class JitCacheDiskTest {
    private static final KernelVariant V = new KernelVariant(ElementType.FP16, ElementType.BF16, 64, 2);
    private static Nvrtc nvrtc;

    @TempDir
    Path root;

    @BeforeAll
    static void load() {
        nvrtc = TestKernel.nvrtcOrSkip();
    }

    private JitCache fresh() {
        return new JitCache(TestKernel.sources(), nvrtc, new JitCache.Options(root, "test-1.0"));
    }

    @Test
    void compilesOnceThenServesFromMemoryThenFromDiskInANewProcess() throws IOException {
        JitCache first = fresh();
        CompiledKernel compiled = first.get(V, SmArch.SM_90);
        assertEquals(CompiledKernel.Origin.COMPILED, compiled.origin());
        assertArrayEquals(compiled.cubin(), first.get(V, SmArch.SM_90).cubin());
        assertEquals(1, first.stats().compiles());
        assertEquals(1, first.stats().memoryHits());

        Path file = first.diskPath(first.keyOf(V, SmArch.SM_90)).orElseThrow();
        assertEquals(
                root.resolve("test-1.0/sm_90a-nvrtc" + nvrtc.version() + "/"
                        + first.keyOf(V, SmArch.SM_90).fileName()),
                file);
        assertTrue(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)
                .startsWith(CubinFile.MAGIC + "\nkey "));

        JitCache second = fresh();
        CompiledKernel loaded = second.get(V, SmArch.SM_90);
        assertEquals(CompiledKernel.Origin.DISK, loaded.origin());
        assertArrayEquals(compiled.cubin(), loaded.cubin());
        assertEquals(0, second.stats().compiles());
        assertEquals(1, second.stats().diskHits());
        assertTrue(loaded.nanos() < compiled.nanos(), "disk load " + loaded + " vs compile " + compiled);
    }

    @Test
    void differentArchitecturesAreDifferentFiles() {
        JitCache cache = fresh();
        byte[] a = cache.get(V, SmArch.SM_80).cubin();
        byte[] b = cache.get(V, SmArch.SM_90).cubin();
        assertEquals(2, cache.stats().compiles());
        assertTrue(!Arrays.equals(a, b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"flip-a-cubin-byte", "truncate", "garbage", "empty", "other-key"})
    void aCorruptFileIsRecompiledAndOverwritten(String damage) throws IOException {
        JitCache writer = fresh();
        byte[] good = writer.get(V, SmArch.SM_90).cubin();
        Path file = writer.diskPath(writer.keyOf(V, SmArch.SM_90)).orElseThrow();
        byte[] bytes = Files.readAllBytes(file);
        switch (damage) {
            case "flip-a-cubin-byte" -> bytes[bytes.length - 100] ^= 1;
            case "truncate" -> bytes = Arrays.copyOf(bytes, bytes.length / 2);
            case "garbage" -> bytes = "this is not a cubin".getBytes();
            case "empty" -> bytes = new byte[0];
            default -> {
                JitCache otherVersion =
                        new JitCache(TestKernel.sources(), nvrtc, new JitCache.Options(root, "test-2.0"));
                otherVersion.get(V, SmArch.SM_90);
                bytes = Files.readAllBytes(otherVersion
                        .diskPath(otherVersion.keyOf(V, SmArch.SM_90))
                        .orElseThrow());
            }
        }
        Files.write(file, bytes);

        JitCache reader = fresh();
        CompiledKernel k = reader.get(V, SmArch.SM_90);
        assertEquals(CompiledKernel.Origin.COMPILED, k.origin());
        assertEquals(1, reader.stats().corruptFiles());
        assertArrayEquals(good, k.cubin());

        JitCache again = fresh();
        assertEquals(CompiledKernel.Origin.DISK, again.get(V, SmArch.SM_90).origin(), "the file was overwritten");
        assertEquals(0, again.stats().corruptFiles());
    }

    @Test
    void foldersArePrivateAndFilesOwnerOnly() throws IOException {
        Path cacheRoot = root.resolve("new/cache");
        JitCache cache = new JitCache(TestKernel.sources(), nvrtc, new JitCache.Options(cacheRoot, "test-1.0"));
        cache.get(V, SmArch.SM_80);
        Path file = cache.diskPath(cache.keyOf(V, SmArch.SM_80)).orElseThrow();
        for (Path dir :
                new Path[] {cacheRoot, file.getParent(), file.getParent().getParent()}) {
            assertEquals(
                    "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), dir.toString());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertEquals(1, left.count(), "no temp files left behind");
        }
    }

    @Test
    void aFolderOthersCanWriteIsNotUsed() throws IOException {
        Path shared = Files.createDirectory(root.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        JitCache cache = new JitCache(TestKernel.sources(), nvrtc, new JitCache.Options(shared, "test-1.0"));
        assertTrue(cache.diskRoot().isEmpty());
        assertTrue(
                cache.diskDisabledReason().orElseThrow().contains("writable by others"),
                cache.diskDisabledReason().get());
        assertEquals(CompiledKernel.Origin.COMPILED, cache.get(V, SmArch.SM_90).origin(), "still compiles, in memory");
        try (Stream<Path> files = Files.list(shared)) {
            assertEquals(0, files.count());
        }
    }
}
