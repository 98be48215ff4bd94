package org.sparkxqa.core.gpu.jit;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Set;

/**
 * Where the JIT disk cache lives and how its folders are made: private to the user (0700), because a
 * CUBIN placed there by someone else would run on the GPU. Stateless; thread-safe.
 */
public final class CacheFolders {
    /** {@code rwx------}. */
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private CacheFolders() {}

    /** {@code ${XDG_CACHE_HOME:-~/.cache}/spark-xqa/jit} for the given environment and home folder. */
    public static Path defaultRoot(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".cache");
        return base.resolve("spark-xqa").resolve("jit");
    }

    /** {@link #defaultRoot(Map, Path)} for this process. */
    public static Path defaultRoot() {
        return defaultRoot(System.getenv(), Path.of(System.getProperty("user.home", "/")));
    }

    /**
     * Creates {@code dir} and any missing parents under {@code root} (and {@code root} itself) with mode
     * 0700, and checks that {@code root} is owned by this user and not writable by group or others.
     *
     * @throws IOException when a folder cannot be made, or {@code root} is not safe to use
     */
    public static void ensurePrivate(Path root, Path dir) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        createPrivate(root, posix);
        if (posix) {
            checkSafe(root);
        }
        Path rel = root.relativize(dir);
        Path cur = root;
        for (Path part : rel) {
            cur = cur.resolve(part);
            createPrivate(cur, posix);
        }
    }

    private static void createPrivate(Path dir, boolean posix) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir.getParent());
        try {
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
                Files.setPosixFilePermissions(dir, PRIVATE);
            } else {
                Files.createDirectory(dir);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    private static void checkSafe(Path root) throws IOException {
        UserPrincipal owner = Files.getOwner(root, LinkOption.NOFOLLOW_LINKS);
        Path probe = Files.createTempFile(root, ".owner-", ".tmp");
        UserPrincipal me;
        try {
            me = Files.getOwner(probe);
        } finally {
            Files.deleteIfExists(probe);
        }
        if (!owner.equals(me)) {
            throw new IOException("JIT cache folder " + root + " is owned by " + owner.getName() + ", not by "
                    + me.getName() + "; set spark.xqa.jit.cacheDir to a private folder of your own");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(root);
        if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(
                    "JIT cache folder " + root + " has permissions " + PosixFilePermissions.toString(perms)
                            + ": it is writable by others (group or world), who could plant a kernel; set spark.xqa.jit.cacheDir to a"
                            + " private folder (it is created 0700), or make this one private: chmod 700 " + root);
        }
    }
}
