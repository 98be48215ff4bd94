package org.sparkxqa.spark.job.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.spark.job.error.UserInputException;

/** The staging folder and the swap on the local Hadoop file system, with failures injected at each step. */
class StagedOutputTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    /** A writer that makes a small Parquet-like folder with {@code text} in a part file. */
    private static java.util.function.Function<String, String> writes(String text) {
        return uri -> {
            try {
                Path folder = Path.of(java.net.URI.create(uri));
                assertFalse(Files.exists(folder), "the staging folder is fresh");
                Files.createDirectories(folder);
                Files.writeString(folder.resolve("part-00000.parquet"), text);
                Files.writeString(folder.resolve("_SUCCESS"), "");
                return folder.getFileName().toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private Path previousOutput() throws IOException {
        Path target = dir.resolve("out");
        Files.createDirectories(target);
        Files.writeString(target.resolve("part-00000.parquet"), "old rows");
        Files.writeString(target.resolve(".part-00000.parquet.crc"), "old crc");
        return target;
    }

    @Test
    void writesIntoAHiddenSiblingThenRenamesItIn() {
        Path target = dir.resolve("out");
        String staging = StagedOutput.of(CONF, target.toString(), false).write(writes("new rows"));
        assertTrue(staging.startsWith(".out.xqa-staging-"), staging);
        assertEquals(Map.of("_SUCCESS", "", "part-00000.parquet", hex("new rows")), FolderSnapshot.of(target));
        assertEquals(List.of(), FolderSnapshot.leftovers(dir, "out"));
    }

    @Test
    void overwriteReplacesThePreviousOutputOnlyOnSuccess() throws IOException {
        Path target = previousOutput();
        StagedOutput.of(CONF, target.toString(), true).write(writes("new rows"));
        assertEquals(hex("new rows"), FolderSnapshot.of(target).get("part-00000.parquet"));
        assertFalse(FolderSnapshot.of(target).containsKey(".part-00000.parquet.crc"), "nothing of the old output");
        assertEquals(List.of(), FolderSnapshot.leftovers(dir, "out"));
    }

    @Test
    void aFailedWriteKeepsThePreviousOutputAndDeletesTheStagingFolder() throws IOException {
        Path target = previousOutput();
        Map<String, String> before = FolderSnapshot.of(target);
        java.util.function.Function<String, String> half = writes("half");
        RuntimeException e = assertThrows(
                RuntimeException.class,
                () -> StagedOutput.of(CONF, target.toString(), true).write(uri -> {
                    half.apply(uri);
                    throw new IllegalStateException("task failed");
                }));
        assertEquals("task failed", e.getMessage());
        assertEquals(before, FolderSnapshot.of(target));
        assertEquals(List.of(), FolderSnapshot.leftovers(dir, "out"));
    }

    @Test
    void aSwapFailingAtAnyStepBeforeTheLastRestoresThePreviousOutput() throws IOException {
        Path target = previousOutput();
        Map<String, String> before = FolderSnapshot.of(target);
        for (OutputSwap.Step failing : List.of(OutputSwap.Step.MOVE_PREVIOUS_ASIDE, OutputSwap.Step.MOVE_STAGING_IN)) {
            List<OutputSwap.Step> seen = new ArrayList<>();
            UncheckedIOException e = assertThrows(
                    UncheckedIOException.class,
                    () -> StagedOutput.of(CONF, target.toString(), true).write(writes("new rows"), step -> {
                        seen.add(step);
                        if (step == failing) {
                            throw new IOException("injected at " + step);
                        }
                    }));
            assertEquals("injected at " + failing, e.getCause().getMessage());
            assertEquals(failing, seen.getLast(), "the swap stopped at the failing step");
            assertEquals(before, FolderSnapshot.of(target), "after a failure at " + failing);
            assertEquals(List.of(), FolderSnapshot.leftovers(dir, "out"), "after a failure at " + failing);
        }
    }

    @Test
    void aFailedDeleteOfThePreviousOutputKeepsTheNewOneInPlace() throws IOException {
        Path target = previousOutput();
        StagedOutput.of(CONF, target.toString(), true).write(writes("new rows"), step -> {
            if (step == OutputSwap.Step.DELETE_PREVIOUS) {
                throw new IOException("injected");
            }
        });
        assertEquals(hex("new rows"), FolderSnapshot.of(target).get("part-00000.parquet"));
        List<String> left = FolderSnapshot.leftovers(dir, "out");
        assertEquals(1, left.size(), left.toString());
        assertTrue(left.getFirst().startsWith(".out.xqa-previous-"), "the old output is kept aside, logged: " + left);
    }

    @Test
    void anExistingTargetWithoutOverwriteIsRefusedBeforeAndAfterTheWrite() throws IOException {
        Path target = previousOutput();
        UserInputException e =
                assertThrows(UserInputException.class, () -> StagedOutput.of(CONF, target.toString(), false));
        assertEquals("--output " + target + " already exists; pass --overwrite to replace it", e.getMessage());

        Path late = dir.resolve("late");
        AtomicReference<Map<String, String>> appeared = new AtomicReference<>();
        assertThrows(
                UserInputException.class,
                () -> StagedOutput.of(CONF, late.toString(), false).write(uri -> {
                    writes("mine").apply(uri);
                    writes("someone else's").apply(late.toUri().toString());
                    appeared.set(FolderSnapshot.of(late));
                    return null;
                }));
        assertEquals(appeared.get(), FolderSnapshot.of(late), "a folder that appeared meanwhile is left alone");
        assertEquals(List.of(), FolderSnapshot.leftovers(dir, "late"));
    }

    private static String hex(String text) {
        return java.util.HexFormat.of().formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
