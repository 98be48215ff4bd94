package org.sparkxqa.spark.job.data;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a complete staging folder in the place of an output folder with Hadoop {@link FileSystem}
 * renames: the previous output (if any) is moved aside, the staging folder renamed in, then the
 * previous output deleted. When a step before the last fails, the previous output is moved back, so
 * the target holds the old output or the new one, never neither. Not thread-safe; one use.
 */
final class OutputSwap {
    private static final Logger LOG = LoggerFactory.getLogger(OutputSwap.class);

    /** The swap's steps, in order. */
    enum Step {
        MOVE_PREVIOUS_ASIDE,
        MOVE_STAGING_IN,
        DELETE_PREVIOUS
    }

    /** Runs before each step; a test hook throws to fail the swap at a precise step. */
    @FunctionalInterface
    interface Hook {
        void before(Step step) throws IOException;
    }

    static final Hook NO_FAULTS = step -> {};

    private final FileSystem fs;
    private final Path target;
    private final Path staging;
    private final Path previous;
    private final Hook hook;

    /** {@code staging} and {@code previous} must be siblings of {@code target}; {@code previous} must not exist. */
    OutputSwap(FileSystem fs, Path target, Path staging, Path previous, Hook hook) {
        this.fs = fs;
        this.target = target;
        this.staging = staging;
        this.previous = previous;
        this.hook = hook;
    }

    /** Swaps; on failure the previous output is back at the target and the staging folder is left to the caller. */
    void run() throws IOException {
        boolean hadPrevious = fs.exists(target);
        if (hadPrevious) {
            hook.before(Step.MOVE_PREVIOUS_ASIDE);
            rename(target, previous);
        }
        try {
            hook.before(Step.MOVE_STAGING_IN);
            rename(staging, target);
        } catch (IOException | RuntimeException e) {
            if (hadPrevious) {
                restore(e);
            }
            throw e;
        }
        if (hadPrevious) {
            try {
                hook.before(Step.DELETE_PREVIOUS);
                if (!fs.delete(previous, true)) {
                    throw new IOException("delete returned false");
                }
            } catch (IOException e) {
                LOG.warn(
                        "the new output is in place at {}; the previous one could not be deleted, remove {} by hand: {}",
                        target,
                        previous,
                        e.toString());
            }
        }
    }

    private void restore(Exception failure) {
        try {
            if (fs.exists(target)) {
                throw new IOException(target + " exists again (another writer?)");
            }
            rename(previous, target);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(new IOException(
                    "the previous output could not be moved back to " + target + "; it is intact at " + previous, e));
        }
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }

    /** Deletes {@code path} recursively if it exists, logging (not throwing) a failure. */
    static void deleteQuietly(FileSystem fs, Path path) {
        try {
            fs.delete(path, true);
        } catch (IOException e) {
            LOG.warn("cannot delete the staging folder {}: {}", path, e.toString());
        }
    }
}
