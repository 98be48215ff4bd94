package org.sparkxqa.core.gpu.jit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CUBINs on disk under a private root folder, one file per {@link JitKey}. No locks: two processes
 * compiling the same key both write a temp file and rename it into place; the last rename wins and
 * both files are valid. Corrupt files are reported to the caller, who recompiles and overwrites.
 * Thread-safe.
 */
final class DiskCache {
  private static final Logger LOG = LoggerFactory.getLogger(DiskCache.class);
  private static final Duration STALE_TEMP = Duration.ofHours(1);

  private final Path root;
  private final Set<Path> prepared = ConcurrentHashMap.newKeySet();

  /** Opens (and creates, 0700) the root; fails when it is not safe to use. */
  DiskCache(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    CacheFolders.ensurePrivate(this.root, this.root);
  }

  Path root() {
    return root;
  }

  Path pathOf(JitKey key) {
    return root.resolve(key.relativePath());
  }

  /**
   * The CUBIN for {@code key}, or empty when there is no file.
   *
   * @throws CubinFile.CorruptException when the file exists but fails verification
   */
  Optional<byte[]> load(JitKey key) throws IOException {
    try {
      return Optional.of(CubinFile.read(pathOf(key), key));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Stores atomically, creating the key's folders (0700) as needed. */
  void store(JitKey key, byte[] cubin) throws IOException {
    Path file = pathOf(key);
    Path dir = file.getParent();
    if (!prepared.contains(dir)) {
      CacheFolders.ensurePrivate(root, dir);
      removeStaleTemps(dir);
      prepared.add(dir);
    }
    CubinFile.write(file, key, cubin);
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
