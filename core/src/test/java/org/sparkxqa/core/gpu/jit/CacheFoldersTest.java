package org.sparkxqa.core.gpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CacheFoldersTest {
    @Test
    void defaultRootFollowsXdg() {
        Path home = Path.of("/home/u");
        assertEquals(Path.of("/xdg/spark-xqa/jit"), CacheFolders.defaultRoot(Map.of("XDG_CACHE_HOME", "/xdg"), home));
        assertEquals(Path.of("/home/u/.cache/spark-xqa/jit"), CacheFolders.defaultRoot(Map.of(), home));
        assertEquals(
                Path.of("/home/u/.cache/spark-xqa/jit"), CacheFolders.defaultRoot(Map.of("XDG_CACHE_HOME", ""), home));
        assertEquals(
                Path.of("/home/u/.cache/spark-xqa/jit"),
                CacheFolders.defaultRoot(Map.of("XDG_CACHE_HOME", "relative/dir"), home),
                "XDG requires absolute paths");
    }

    @TempDir
    Path dir;

    @Test
    void theRootAndItsFoldersAreCreatedPrivateWhateverTheParentIs() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));
        Path root = dir.resolve("a/jit");
        Path leaf = root.resolve("1.0/sm_90a-nvrtc13.0");
        CacheFolders.ensurePrivate(root, leaf);
        for (Path p : new Path[] {root, root.resolve("1.0"), leaf}) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rwxrwx---", "rwx---rwx", "rwxrwxrwx", "rwx-w----"})
    void anExistingRootOthersCanWriteIsRefusedSayingWhatToDo(String perms) throws IOException {
        Path root = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString(perms));
        IOException e = assertThrows(IOException.class, () -> CacheFolders.ensurePrivate(root, root.resolve("1.0")));
        assertEquals(
                "JIT cache folder " + root + " has permissions " + perms + ": it is writable by others (group or"
                        + " world), who could plant a kernel; set spark.xqa.jit.cacheDir to a private folder (it is created 0700),"
                        + " or make this one private: chmod 700 " + root,
                e.getMessage());
        assertTrue(Files.notExists(root.resolve("1.0")), "nothing is created in a refused folder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rwx------", "rwxr-xr-x", "rwxr-x---"})
    void anExistingRootOnlyItsOwnerCanWriteIsUsed(String perms) throws IOException {
        Path root = Files.createDirectory(dir.resolve("mine"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString(perms));
        CacheFolders.ensurePrivate(root, root.resolve("1.0"));
        assertTrue(Files.isDirectory(root.resolve("1.0")));
    }
}
