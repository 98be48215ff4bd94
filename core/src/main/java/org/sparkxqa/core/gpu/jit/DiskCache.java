package org.sparkxqa.core.gpu.jit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CUBINs on disk under a private root folder, one file per {@link JitKey}. Writers of one key take its
 * {@link CompileLock} in {@code <root>/.locks/} (bounded wait; released by the OS if the process dies),
 * so processes on a host compile a key once; each write goes to a temp file renamed into place, so
 * readers never see a torn file, locked or not. A file that is not a private regular file of the
 * cache's owner, or fails verification, is reported to the caller, who recompiles and overwrites it.
 * Thread-safe.
 */
final class DiskCache {
    /** How long a writer waits for another one's compile of the same key before compiling itself. */
    static final Duration DEFAULT_LOCK_WAIT = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(DiskCache.class);
    private static final Duration STALE_TEMP = Duration.ofHours(1);
    /** The folder of the per-key lock files, under the root (kept out of the kernel folders). */
    static final String LOCKS = ".locks";

    private final Path root;
    private final Duration lockWait;
    private final UserPrincipal owner;
    private final Set<Path> prepared = ConcurrentHashMap.newKeySet();

    /** Opens (and creates, 0700) the root; fails when it is not safe to use. */
    DiskCache(Path root) throws IOException {
        this(root, DEFAULT_LOCK_WAIT);
    }

    DiskCache(Path root, Duration lockWait) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.lockWait = lockWait;
        CacheFolders.ensurePrivate(this.root, this.root);
        this.owner = posix() ? Files.getOwner(this.root) : null;
    }

    /**
     * Opens the cache at {@code root} and prunes it once ({@link CachePruner}); a failed pruning is
     * logged, and the cache is used all the same.
     *
     * @param inUse which folders (relative to the root) this process uses: never deleted
     */
    static DiskCache open(Path root, JitCacheLimits limits, Predicate<Path> inUse) throws IOException {
        DiskCache disk = new DiskCache(root);
        try {
            CachePruner.prune(disk.root, limits, inUse, Instant.now());
        } catch (IOException | RuntimeException e) {
            LOG.warn("JIT disk cache {} could not be pruned: {}", disk.root, e.toString());
        }
        return disk;
    }

    Path root() {
        return root;
    }

    Path pathOf(JitKey key) {
        return root.resolve(key.relativePath());
    }

    /**
     * The CUBIN for {@code key}, or empty when there is no file. A hit marks the file used (its
     * modification time, which {@link CachePruner} reads as its age).
     *
     * @throws CubinFile.CorruptException when the file exists but is not private to the cache's owner or
     *     fails verification
     */
    Optional<byte[]> load(JitKey key) throws IOException {
        Path file = pathOf(key);
        try {
            requirePrivateFile(file);
            byte[] cubin = CubinFile.read(file, key);
            try {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            } catch (IOException e) {
                LOG.debug("could not mark {} used: {}", file, e.toString());
            }
            return Optional.of(cubin);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Takes {@code key}'s write lock, waiting at most the lock wait, and removes temp files of the key
     * that a killed writer left. Null when the wait ran out: the caller then writes unlocked.
     */
    CompileLock lock(JitKey key) throws IOException, InterruptedException {
        Path file = pathOf(key);
        prepare(file.getParent());
        prepare(root.resolve(LOCKS));
        CompileLock lock = CompileLock.acquire(lockOf(root, key.fileName()), lockWait);
        if (lock == null) {
            LOG.warn("waited {} s for another writer of {}; compiling without the lock", lockWait.toSeconds(), file);
            return null;
        }
        String mine = "." + file.getFileName() + ".*.tmp";
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(file.getParent(), mine)) {
            for (Path t : temps) {
                Files.deleteIfExists(t);
            }
        }
        return lock;
    }

    /** The lock file of the kernel file {@code fileName}: {@code <root>/.locks/<fileName>.lock}. */
    static Path lockOf(Path root, String fileName) {
        return root.resolve(LOCKS).resolve(fileName + ".lock");
    }

    /** Stores atomically, creating the key's folders (0700) as needed. */
    void store(JitKey key, byte[] cubin) throws IOException {
        Path file = pathOf(key);
        prepare(file.getParent());
        CubinFile.write(file, key, cubin);
    }

    private void prepare(Path dir) throws IOException {
        if (!prepared.contains(dir)) {
            CacheFolders.ensurePrivate(root, dir);
            removeStaleTemps(dir);
            prepared.add(dir);
        }
    }

    private void requirePrivateFile(Path file) throws IOException {
        if (!posix()) {
            return;
        }
        PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new CubinFile.CorruptException(file, "not a regular file (a link or a folder)");
        }
        if (!a.owner().equals(owner)) {
            throw new CubinFile.CorruptException(
                    file, "owned by " + a.owner().getName() + ", not by " + owner.getName());
        }
        Set<PosixFilePermission> p = a.permissions();
        if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new CubinFile.CorruptException(file, "writable by others (" + PosixFilePermissions.toString(p) + ")");
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Deletes temp files that crashed writers left behind more than an hour ago. */
    private static void removeStaleTemps(Path dir) {
        Instant cutoff = Instant.now().minus(STALE_TEMP);
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path t : temps) {
                if (Files.getLastModifiedTime(t).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(t);
                }
            }
        } catch (IOException e) {
            LOG.debug("could not clean temp files in {}: {}", dir, e.toString());
        }
    }
}
