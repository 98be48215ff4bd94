package org.sparkxqa.core.gpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.core.gpu.nvrtc.NvrtcVersion;

/** The pruning policy over a hand-made cache tree, with file times set relative to a fixed clock. */
class CachePrunerTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String IN_USE = "2.0/sm_90a-nvrtc13.0";
    private static final Predicate<Path> THIS_BUILD = f -> JitKey.isFolderOf(f, "2.0", new NvrtcVersion(13, 0));

    @TempDir
    Path root;

    private Path file(String relative, int bytes, Duration age) throws IOException {
        Path f = root.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.write(f, new byte[bytes]);
        Files.setLastModifiedTime(f, FileTime.from(NOW.minus(age)));
        return f;
    }

    private static Duration days(long d) {
        return Duration.ofDays(d);
    }

    private List<String> left() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !p.equals(root))
                    .map(p -> root.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void theFoldersOfThisBuildAreTheVersionFolderAndItsNvrtcFoldersOfAnyArch() {
        assertTrue(THIS_BUILD.test(Path.of("2.0")));
        assertTrue(THIS_BUILD.test(Path.of("2.0/sm_90a-nvrtc13.0")));
        assertTrue(THIS_BUILD.test(Path.of("2.0/sm_80-nvrtc13.0")));
        assertTrue(!THIS_BUILD.test(Path.of("2.0/sm_90a-nvrtc12.9")));
        assertTrue(!THIS_BUILD.test(Path.of("1.0/sm_90a-nvrtc13.0")));
        assertTrue(!THIS_BUILD.test(Path.of("1.0")));
    }

    @Test
    void filesUnusedForMaxAgeAreDeletedAnywhereAndEmptiedOldFoldersWithThem() throws IOException {
        file(IN_USE + "/stale-abi.xqacubin", 10, days(31));
        file(IN_USE + "/fresh.xqacubin", 10, days(29));
        file("1.0/sm_90a-nvrtc12.9/old.xqacubin", 10, days(40));
        file("1.0/sm_80-nvrtc13.0/recent.xqacubin", 10, days(3));
        file("0.9/sm_80-nvrtc12.0/ancient.xqacubin", 10, days(400));
        CachePruner.Result r = CachePruner.prune(root, new JitCacheLimits(1 << 20, days(30)), THIS_BUILD, NOW);
        assertEquals(new CachePruner.Result(3, 30, 3), r, "3 files; folders 1.0/sm_90a-nvrtc12.9, 0.9/*, 0.9");
        assertEquals(
                List.of(
                        "1.0",
                        "1.0/sm_80-nvrtc13.0",
                        "1.0/sm_80-nvrtc13.0/recent.xqacubin",
                        "2.0",
                        IN_USE,
                        IN_USE + "/fresh.xqacubin"),
                left());
    }

    @Test
    void overTheSizeLimitTheLeastRecentlyUsedFilesOutsideTheFoldersInUseGoFirst() throws IOException {
        file(IN_USE + "/a.xqacubin", 100, days(10));
        file("2.0/sm_80-nvrtc13.0/b.xqacubin", 100, days(9));
        file("1.0/sm_90a-nvrtc13.0/x.xqacubin", 100, days(3));
        file("1.0/sm_90a-nvrtc13.0/y.xqacubin", 100, days(2));
        file("1.0/sm_90a-nvrtc13.0/z.xqacubin", 100, days(1));
        CachePruner.Result r = CachePruner.prune(root, new JitCacheLimits(320, days(30)), THIS_BUILD, NOW);
        assertEquals(new CachePruner.Result(2, 200, 0), r);
        assertEquals(
                List.of(
                        "1.0",
                        "1.0/sm_90a-nvrtc13.0",
                        "1.0/sm_90a-nvrtc13.0/z.xqacubin",
                        "2.0",
                        "2.0/sm_80-nvrtc13.0",
                        "2.0/sm_80-nvrtc13.0/b.xqacubin",
                        IN_USE,
                        IN_USE + "/a.xqacubin"),
                left());
    }

    @Test
    void filesInUseAreNeverDeletedForSizeNorTheirFoldersWhenEmpty() throws IOException {
        file(IN_USE + "/a.xqacubin", 100, days(1));
        Files.createDirectories(root.resolve("2.0/sm_80-nvrtc13.0"));
        CachePruner.Result r = CachePruner.prune(root, new JitCacheLimits(10, days(30)), THIS_BUILD, NOW);
        assertEquals(new CachePruner.Result(0, 0, 0), r);
        assertEquals(List.of("2.0", "2.0/sm_80-nvrtc13.0", IN_USE, IN_USE + "/a.xqacubin"), left());
    }

    @Test
    void crashedWritersDebrisGoesFromOldFoldersOnlyAndLockFilesGoWithTheirKernel() throws IOException {
        file("1.0/sm_80-nvrtc13.0/.k.xqacubin.123.tmp", 5, Duration.ofHours(2));
        file("1.0/sm_80-nvrtc13.0/.j.xqacubin.456.tmp", 5, Duration.ofMinutes(5));
        file(IN_USE + "/.m.xqacubin.789.tmp", 5, Duration.ofHours(2));
        file("1.0/sm_80-nvrtc13.0/old.xqacubin", 10, days(60));
        file(DiskCache.LOCKS + "/old.xqacubin.lock", 0, days(60));
        file(DiskCache.LOCKS + "/a.xqacubin.lock", 0, days(60));
        CachePruner.prune(root, new JitCacheLimits(1 << 20, days(30)), THIS_BUILD, NOW);
        assertEquals(
                List.of(
                        ".locks",
                        ".locks/a.xqacubin.lock",
                        "1.0",
                        "1.0/sm_80-nvrtc13.0",
                        "1.0/sm_80-nvrtc13.0/.j.xqacubin.456.tmp",
                        "2.0",
                        IN_USE,
                        IN_USE + "/.m.xqacubin.789.tmp"),
                left(),
                "a temp file may belong to a live writer: only old ones outside the folders in use go");
    }

    @Test
    void theCachePrunesOnceWhenItOpensAndNotOnLaterUse() throws IOException {
        file("1.0/sm_80-nvrtc13.0/old.xqacubin", 10, days(60));
        DiskCache disk = DiskCache.open(root, new JitCacheLimits(1 << 20, days(30)), THIS_BUILD);
        assertEquals(List.of(), left());
        Path later = file("1.0/sm_80-nvrtc13.0/old.xqacubin", 10, days(60));
        disk.store(FakeCompiler.KEY, FakeCompiler.cubinOf(FakeCompiler.KEY));
        assertEquals(FakeCompiler.SIZE, disk.load(FakeCompiler.KEY).orElseThrow().length);
        assertTrue(Files.exists(later), "pruning ran at open only");
    }

    @Test
    void aDiskHitMarksTheFileUsed() throws IOException {
        DiskCache disk = new DiskCache(root);
        disk.store(FakeCompiler.KEY, FakeCompiler.cubinOf(FakeCompiler.KEY));
        Path f = disk.pathOf(FakeCompiler.KEY);
        Instant old = Instant.now().minus(days(100));
        Files.setLastModifiedTime(f, FileTime.from(old));
        disk.load(FakeCompiler.KEY).orElseThrow();
        assertTrue(
                Files.getLastModifiedTime(f).toInstant().isAfter(Instant.now().minus(Duration.ofMinutes(5))),
                "a file in use is not old");
    }
}
