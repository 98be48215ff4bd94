package org.sparkxqa.spark.job.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.spark.job.error.UserInputException;
import scala.Tuple2;

/**
 * A job's output folder, written whole or not at all. The writer fills a hidden staging folder beside
 * the target ({@code .NAME.xqa-staging-UUID}, same parent, so same file system), which
 * {@link OutputSwap} renames into place only after the write succeeded. A failed write deletes the
 * staging folder: the previous output (or no output) remains, with nothing beside it. Not thread-safe;
 * one instance per write.
 */
public final class StagedOutput {
    private static final Logger LOG = LoggerFactory.getLogger(StagedOutput.class);

    private final FileSystem fs;
    private final Path target;
    private final String shown;
    private final boolean overwrite;

    private StagedOutput(FileSystem fs, Path target, String shown, boolean overwrite) {
        this.fs = fs;
        this.target = target;
        this.shown = shown;
        this.overwrite = overwrite;
    }

    /**
     * The output folder {@code target} on its Hadoop file system under {@code conf}.
     *
     * @throws UserInputException when {@code target} exists and {@code overwrite} is false, or has no parent
     */
    public static StagedOutput of(Configuration conf, String target, boolean overwrite) {
        try {
            Path path = new Path(target);
            FileSystem fs = path.getFileSystem(conf);
            Path qualified = fs.makeQualified(path);
            if (qualified.getParent() == null) {
                throw new UserInputException("--output " + target + " is a file system root; name a folder inside it");
            }
            StagedOutput output = new StagedOutput(fs, qualified, target, overwrite);
            output.requireAbsentUnlessOverwrite();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the output folder " + target, e);
        }
    }

    /**
     * {@link #of}'s check before any Spark session exists, with the Hadoop settings of {@code spark.hadoop.*}
     * (or the running session's); a file system that cannot be reached yet is left to {@link #of}.
     *
     * @throws UserInputException when {@code target} exists and {@code overwrite} is false
     */
    public static void checkBeforeSession(String target, boolean overwrite) {
        try {
            of(hadoopConfBeforeSession(), target, overwrite);
        } catch (UncheckedIOException e) {
            LOG.debug("cannot check {} before the session starts: {}", target, e.toString());
        }
    }

    private static Configuration hadoopConfBeforeSession() {
        SparkSession running = SparkSession.getActiveSession()
                .getOrElse(() -> SparkSession.getDefaultSession().getOrElse(() -> null));
        if (running != null && !running.sparkContext().isStopped()) {
            return running.sparkContext().hadoopConfiguration();
        }
        Configuration conf = new Configuration();
        for (Tuple2<String, String> e : new SparkConf(true).getAllWithPrefix("spark.hadoop.")) {
            conf.set(e._1(), e._2());
        }
        return conf;
    }

    /** The message for an output that exists without {@code --overwrite}. */
    static String existsMessage(String target) {
        return "--output " + target + " already exists; pass --overwrite to replace it";
    }

    /**
     * Runs {@code writer} on a fresh staging folder (its argument: the folder's URI, which does not exist
     * yet), then swaps the result into place. On any failure the staging folder is deleted, the previous
     * output is kept, and the failure propagates.
     */
    public <T> T write(Function<String, T> writer) {
        return write(writer, OutputSwap.NO_FAULTS);
    }

    /** {@link #write(Function)} with a hook run before each swap step (tests inject failures there). */
    <T> T write(Function<String, T> writer, OutputSwap.Hook hook) {
        Path staging = sibling("staging");
        boolean swapped = false;
        try {
            T result = writer.apply(staging.toString());
            requireAbsentUnlessOverwrite();
            new OutputSwap(fs, target, staging, sibling("previous"), hook).run();
            swapped = true;
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the new output into place at " + target, e);
        } finally {
            if (!swapped) {
                OutputSwap.deleteQuietly(fs, staging);
            }
        }
    }

    Path target() {
        return target;
    }

    private void requireAbsentUnlessOverwrite() throws IOException {
        if (!overwrite && fs.exists(target)) {
            throw new UserInputException(existsMessage(shown));
        }
    }

    private Path sibling(String role) {
        return new Path(target.getParent(), "." + target.getName() + ".xqa-" + role + "-" + UUID.randomUUID());
    }
}
