package org.sparkxqa.core.gpu.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executors of one host as child JVMs ({@link CacheWriterMain}) sharing a disk cache folder, with a
 * slow fake compiler: one compile and one valid file, a writer killed by SIGKILL mid-compile blocks
 * no one and leaves no debris, a hung writer delays others by the lock wait only.
 */
class DiskCacheProcessesTest {
    private static final long PATIENT_MILLIS = 60_000;
    private static final String EXPECTED_SHA = CubinFile.sha256(FakeCompiler.cubinOf(FakeCompiler.KEY));

    @TempDir
    Path root;

    private final List<Process> started = new ArrayList<>();
    private final Map<Process, BufferedReader> outputs = new HashMap<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    private Process child(long compileMillis, long lockWaitMillis) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        CacheWriterMain.class.getName(),
                        root.toString(),
                        Long.toString(compileMillis),
                        Long.toString(lockWaitMillis))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        started.add(p);
        outputs.put(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        return p;
    }

    /** The child's output once it exited 0 within a minute. */
    private String finished(Process p) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (String line = outputs.get(p).readLine();
                line != null;
                line = outputs.get(p).readLine()) {
            lines.append(line).append('\n');
        }
        String out = lines.toString();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child still running");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("sha256 " + EXPECTED_SHA + "\n"), out);
        return out;
    }

    private void awaitCompiling(Process p) throws IOException {
        assertEquals("compiling", outputs.get(p).readLine(), "the child should report its compile");
    }

    private Path file() {
        return root.resolve(FakeCompiler.KEY.relativePath());
    }

    /** What a finished write leaves in the key's folder: the kernel file only. */
    private static List<String> written() {
        return List.of(FakeCompiler.KEY.fileName());
    }

    private List<String> folderContents() throws IOException {
        try (Stream<Path> files = Files.list(file().getParent())) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void twoProcessesCompilingOneKeyCompileOnceAndReadTheSameBytes() throws Exception {
        Process a = child(3000, PATIENT_MILLIS);
        awaitCompiling(a);
        Process b = child(3000, PATIENT_MILLIS);
        String outA = finished(a);
        String outB = finished(b);
        assertTrue(outA.contains("origin COMPILED"), outA);
        assertEquals(
                "origin DISK\nsha256 " + EXPECTED_SHA + "\n",
                outB,
                "b, started while a held the lock, read a's file and never compiled");
        assertEquals(written(), folderContents(), "one kernel file, no temp file");
        assertArrayEquals(FakeCompiler.cubinOf(FakeCompiler.KEY), CubinFile.read(file(), FakeCompiler.KEY));
    }

    @Test
    void aWriterKilledMidCompileLeavesNoStaleLockAndTheNextWriterCleansUp() throws Exception {
        Process killed = child(600_000, PATIENT_MILLIS);
        awaitCompiling(killed);
        Path lockFile = DiskCache.lockOf(root, FakeCompiler.KEY.fileName());
        assertTrue(Files.exists(lockFile));
        assertNull(CompileLock.acquire(lockFile, Duration.ofMillis(300)), "the child holds the lock");
        Path partial = file().resolveSibling("." + FakeCompiler.KEY.fileName() + ".8151623.tmp");
        Files.write(partial, new byte[4096]);
        killed.destroyForcibly();
        assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
        assertTrue(Files.exists(lockFile));

        long t0 = System.nanoTime();
        String out = finished(child(100, PATIENT_MILLIS));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(out.contains("origin COMPILED"), out);
        assertTrue(
                millis < PATIENT_MILLIS / 2, "the next writer took the dead writer's lock at once: " + millis + " ms");
        assertEquals(written(), folderContents(), "the partial temp file is gone");
        try (CompileLock free = CompileLock.acquire(lockFile, Duration.ZERO)) {
            assertNotNull(free, "no one holds the lock");
        }
    }

    @Test
    void aHungWriterDelaysOthersOnlyByTheLockWait() throws Exception {
        Process hung = child(600_000, PATIENT_MILLIS);
        awaitCompiling(hung);
        long t0 = System.nanoTime();
        String out = finished(child(100, 1500));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(out.contains("origin COMPILED"), out);
        assertTrue(millis >= 1500 && millis < 30_000, "waited the lock wait, then compiled: " + millis + " ms");
        assertTrue(hung.isAlive(), "the hung writer still holds its lock");
        assertArrayEquals(FakeCompiler.cubinOf(FakeCompiler.KEY), CubinFile.read(file(), FakeCompiler.KEY));
    }
}
