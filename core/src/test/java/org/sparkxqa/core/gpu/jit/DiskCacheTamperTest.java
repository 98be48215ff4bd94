package org.sparkxqa.core.gpu.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.target.KernelVariant;

/**
 * Truncated, corrupt and planted disk cache files, through the real disk cache with a fake compiler:
 * each is detected, reported with the file and the reason, replaced by a fresh compile, and the
 * replacement is served from disk afterwards.
 */
class DiskCacheTamperTest {
    private static final JitKey KEY = FakeCompiler.KEY;

    @TempDir
    Path root;

    private final List<String> warnings = new ArrayList<>();
    private DiskCache disk;
    private Path file;

    @BeforeEach
    void storeAGoodFile() throws IOException {
        disk = new DiskCache(root);
        assertEquals(CompiledKernel.Origin.COMPILED, get().origin());
        file = disk.pathOf(KEY);
        warnings.clear();
    }

    private CompiledKernel get() {
        return DiskOrCompile.get(KEY, disk, new FakeCompiler(0, () -> {}), new JitStats(), warnings::add);
    }

    private static byte[] header(JitKey key, String sha, int length) {
        return (CubinFile.MAGIC + "\nkey " + key.canonical() + "\nsha256 " + sha + "\nlength " + length + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private void assertDetectedAndReplaced(String why) throws IOException {
        CompiledKernel k = get();
        assertEquals(CompiledKernel.Origin.COMPILED, k.origin(), "recompiled");
        assertArrayEquals(FakeCompiler.cubinOf(KEY), k.cubin());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(
                warnings.getFirst().contains(file.toString())
                        && warnings.getFirst().contains(why),
                warnings.getFirst());
        assertArrayEquals(FakeCompiler.cubinOf(KEY), CubinFile.read(file, KEY), "the file was replaced");
        warnings.clear();
        assertEquals(CompiledKernel.Origin.DISK, get().origin());
        assertEquals(List.of(), warnings);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "truncated          | truncated or padded",
                "flipped-cubin-byte | content hash mismatch",
                "empty              | no xqa-cubin header",
                "garbage            | no xqa-cubin header",
                "wrong-magic        | not an xqa-cubin 1 file"
            })
    void aDamagedFileIsDetectedAndReplaced(String damage, String why) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        switch (damage) {
            case "truncated" -> bytes = Arrays.copyOf(bytes, bytes.length - 1000);
            case "flipped-cubin-byte" -> bytes[bytes.length - 7] ^= 0x10;
            case "empty" -> bytes = new byte[0];
            case "garbage" -> bytes = "\u007fELF not a cubin".getBytes(StandardCharsets.UTF_8);
            default ->
                bytes = new String(bytes, StandardCharsets.ISO_8859_1)
                        .replaceFirst("xqa-cubin 1", "xqa-cubin 9")
                        .getBytes(StandardCharsets.ISO_8859_1);
        }
        Files.write(file, bytes);
        assertDetectedAndReplaced(why);
    }

    @Test
    void aPlantedCubinWithTheRightHeaderButAnotherHashIsReplaced() throws IOException {
        byte[] planted = new byte[FakeCompiler.SIZE];
        Files.write(file, concat(header(KEY, CubinFile.sha256(FakeCompiler.cubinOf(KEY)), planted.length), planted));
        assertDetectedAndReplaced("content hash mismatch");
    }

    @Test
    void aPlantedFileOfAnotherKeyIsReplaced() throws IOException {
        JitKey other = new JitKey(
                new KernelVariant(ElementType.FP16, ElementType.FP16, 64, 1),
                KEY.arch(),
                KEY.nvrtc(),
                KEY.sourceHash(),
                KEY.projectVersion());
        byte[] cubin = FakeCompiler.cubinOf(other);
        Files.write(file, concat(header(other, CubinFile.sha256(cubin), cubin.length), cubin));
        assertDetectedAndReplaced("written for another key");
    }

    @Test
    void aFileOthersCanWriteIsNotTrustedEvenWhenItVerifies() throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertDetectedAndReplaced("writable by others (rw-rw-rw-)");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aSymbolicLinkInPlaceOfTheFileIsNotFollowed() throws IOException {
        Path elsewhere = root.resolve("elsewhere.xqacubin");
        Files.move(file, elsewhere);
        Files.createSymbolicLink(file, elsewhere);
        assertDetectedAndReplaced("not a regular file");
        assertTrue(!Files.isSymbolicLink(file), "replaced by a regular file");
    }
}
