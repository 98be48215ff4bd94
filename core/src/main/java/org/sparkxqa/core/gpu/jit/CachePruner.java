package org.sparkxqa.core.gpu.jit;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk cache's pruning policy, run once when a cache opens. Under the root, kernel files live in
 * {@code <projectVersion>/<arch>-<nvrtc>/} folders; a file's modification time is its last use
 * (written, or read on a disk hit). In order:
 * <ol>
 *   <li>a kernel file older than {@link JitCacheLimits#maxAge()} is deleted, wherever it is;</li>
 *   <li>while all kernel files together exceed {@link JitCacheLimits#maxBytes()}, the oldest file
 *       outside the folders in use is deleted (files in use are never deleted for size);</li>
 *   <li>temp and lock files older than an hour in folders not in use are deleted (a crashed writer's);</li>
 *   <li>folders left empty are deleted, except the root, the folders in use and hidden ones
 *       ({@code .locks}); a deleted kernel file's lock file goes with it.</li>
 * </ol>
 * Other processes may prune or write at the same time: a file or folder that vanished, or that a
 * writer refilled, is skipped. Stateless; thread-safe.
 */
final class CachePruner {
    private static final Logger LOG = LoggerFactory.getLogger(CachePruner.class);
    private static final Duration STALE_DEBRIS = Duration.ofHours(1);

    /** What one pruning deleted. */
    record Result(int files, long bytes, int folders) {}

    private record Entry(Path file, Path folder, long size, Instant used) {}

    private CachePruner() {}

    /**
     * @param inUse whether a folder relative to {@code root} ({@code version} or {@code version/arch-nvrtc}) is in use
     * @param now the current time (tests pass a fixed one)
     */
    static Result prune(Path root, JitCacheLimits limits, Predicate<Path> inUse, Instant now) throws IOException {
        List<Entry> kernels = new ArrayList<>();
        List<Entry> debris = new ArrayList<>();
        int depth = root.getNameCount() + 3;
        try (Stream<Path> files = Files.find(root, 3, (p, a) -> a.isRegularFile() && p.getNameCount() == depth)) {
            for (Path f : files.toList()) {
                Entry e = entry(root, f);
                if (e != null) {
                    (f.getFileName().toString().endsWith(".xqacubin") ? kernels : debris).add(e);
                }
            }
        }
        Instant tooOld = now.minus(limits.maxAge());
        long total = kernels.stream().mapToLong(Entry::size).sum();
        int files = 0;
        long bytes = 0;
        kernels.sort(Comparator.comparing(Entry::used));
        for (Entry e : kernels) {
            boolean old = e.used().isBefore(tooOld);
            if ((old || (total > limits.maxBytes() && !inUse.test(e.folder()))) && delete(e.file())) {
                delete(DiskCache.lockOf(root, e.file().getFileName().toString()));
                total -= e.size();
                files++;
                bytes += e.size();
            }
        }
        Instant staleDebris = now.minus(STALE_DEBRIS);
        for (Entry e : debris) {
            if (!inUse.test(e.folder()) && e.used().isBefore(staleDebris)) {
                delete(e.file());
            }
        }
        int folders = deleteEmptyFolders(root, inUse);
        if (files > 0 || folders > 0) {
            LOG.info(
                    "JIT cache {}: pruned {} kernel files ({} bytes) and {} empty folders; {} bytes left (limits: {})",
                    root,
                    files,
                    bytes,
                    folders,
                    total,
                    limits);
        }
        return new Result(files, bytes, folders);
    }

    private static Entry entry(Path root, Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Entry(
                    file,
                    root.relativize(file.getParent()),
                    a.size(),
                    a.lastModifiedTime().toInstant());
        } catch (IOException vanished) {
            return null;
        }
    }

    private static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("could not prune {}: {}", file, e.toString());
            return false;
        }
    }

    /** Deepest first, so a version folder whose arch folders all went is deleted too. */
    private static int deleteEmptyFolders(Path root, Predicate<Path> inUse) throws IOException {
        List<Path> folders;
        try (Stream<Path> all = Files.find(root, 2, (p, a) -> a.isDirectory() && !p.equals(root))) {
            folders = all.sorted(Comparator.comparingInt(Path::getNameCount).reversed())
                    .toList();
        }
        int deleted = 0;
        for (Path f : folders) {
            if (inUse.test(root.relativize(f)) || f.getFileName().toString().startsWith(".")) {
                continue;
            }
            try {
                if (Files.deleteIfExists(f)) {
                    deleted++;
                }
            } catch (DirectoryNotEmptyException notEmpty) {
                // still holds files
            } catch (IOException e) {
                LOG.debug("could not prune folder {}: {}", f, e.toString());
            }
        }
        return deleted;
    }
}
