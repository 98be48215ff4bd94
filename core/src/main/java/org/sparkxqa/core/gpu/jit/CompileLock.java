package org.sparkxqa.core.gpu.jit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One writer per cache file at a time, across threads and processes of a host: an exclusive OS file
 * lock ({@code fcntl}) on a lock file ({@link DiskCache#lockOf}: {@code <root>/.locks/NAME.lock}). The
 * kernel drops the lock when its process dies, even by {@code kill -9}, so no lock outlives its holder;
 * the empty lock file itself stays (only {@link CachePruner} deletes it, with its kernel file; should a
 * writer hold it then, a second writer may lock a new file: a duplicate compile, never a torn file).
 * Waiting is bounded: after {@code maxWait} the caller goes on unlocked (writes stay atomic, only a
 * duplicate compile is possible), so nothing blocks forever. One instance per holder; not
 * thread-safe; close it (try-with-resources).
 */
final class CompileLock implements AutoCloseable {
    private static final long POLL_MILLIS = 20;
    /** Within one JVM: POSIX drops all of a process's locks on a file when any of its channels closes. */
    private static final Map<Path, Semaphore> IN_JVM = new ConcurrentHashMap<>();

    private final Semaphore jvmLock;
    private final FileChannel channel;
    private final FileLock osLock;

    private CompileLock(Semaphore jvmLock, FileChannel channel, FileLock osLock) {
        this.jvmLock = jvmLock;
        this.channel = channel;
        this.osLock = osLock;
    }

    /**
     * Waits up to {@code maxWait} for the lock on {@code file} (created if missing).
     *
     * @return the held lock, or null when {@code maxWait} passed first
     */
    static CompileLock acquire(Path file, Duration maxWait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        Semaphore jvmLock = IN_JVM.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new Semaphore(1));
        if (!jvmLock.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
            return null;
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                FileLock lock = tryLock(ch);
                if (lock != null) {
                    return new CompileLock(jvmLock, ch, lock);
                }
                if (System.nanoTime() > deadline) {
                    ch.close();
                    jvmLock.release();
                    return null;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            jvmLock.release();
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** Releases the lock (the lock file stays, for the next writer). */
    @Override
    public void close() throws IOException {
        try {
            osLock.release();
            channel.close();
        } finally {
            jvmLock.release();
        }
    }
}
