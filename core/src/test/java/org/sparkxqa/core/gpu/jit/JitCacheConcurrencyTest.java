package org.sparkxqa.core.gpu.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.TestKernel;
import org.sparkxqa.core.gpu.nvrtc.Nvrtc;
import org.sparkxqa.core.gpu.target.KernelVariant;
import org.sparkxqa.core.gpu.target.SmArch;

/** Many threads, and several "processes" (caches sharing a folder), asking for kernels at once. */
class JitCacheConcurrencyTest {
    private static final int THREADS = 16;
    private static Nvrtc nvrtc;

    @TempDir
    Path root;

    @BeforeAll
    static void load() {
        nvrtc = TestKernel.nvrtcOrSkip();
    }

    private static <T> List<T> together(int n, java.util.function.IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.apply(id);
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentRequestsForOneVariantCompileItOnce() throws Exception {
        JitCache cache = new JitCache(TestKernel.sources(), nvrtc, JitCache.Options.at(root));
        KernelVariant v = new KernelVariant(ElementType.BF16, ElementType.BF16, 256, 16);
        List<byte[]> cubins = together(THREADS, i -> cache.get(v, SmArch.SM_90).cubin());
        for (byte[] c : cubins) {
            assertArrayEquals(cubins.getFirst(), c);
        }
        assertEquals(1, cache.stats().compiles(), cache.stats().toString());
        assertEquals(THREADS - 1, cache.stats().memoryHits(), cache.stats().toString());
    }

    @Test
    void concurrentRequestsForDifferentVariantsCompileEachOnce() throws Exception {
        JitCache cache = new JitCache(TestKernel.sources(), nvrtc, JitCache.Options.at(null));
        together(
                THREADS,
                i -> cache.get(
                        new KernelVariant(ElementType.FP16, ElementType.FP16, 128, 1 + i % 4),
                        i % 2 == 0 ? SmArch.SM_80 : SmArch.SM_90));
        assertEquals(
                4, cache.stats().compiles(), "4 groups x 2 archs, but group and arch go together: " + cache.stats());
        assertEquals(THREADS - 4, cache.stats().memoryHits());
    }

    @Test
    void cachesSharingAFolderRaceWithoutLocksAndLeaveOneValidFile() throws Exception {
        KernelVariant v = new KernelVariant(ElementType.FP16, ElementType.BF16, 128, 8);
        List<JitCache> processes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            processes.add(new JitCache(TestKernel.sources(), nvrtc, JitCache.Options.at(root)));
        }
        List<byte[]> cubins = together(
                processes.size(), i -> processes.get(i).get(v, SmArch.SM_90).cubin());
        for (byte[] c : cubins) {
            assertArrayEquals(cubins.getFirst(), c, "NVRTC output is deterministic, so racing writers agree");
        }
        JitCache later = new JitCache(TestKernel.sources(), nvrtc, JitCache.Options.at(root));
        assertArrayEquals(cubins.getFirst(), later.get(v, SmArch.SM_90).cubin());
        assertEquals(1, later.stats().diskHits());
        Path folder = later.diskPath(later.keyOf(v, SmArch.SM_90)).orElseThrow().getParent();
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(1, files.count(), "one file, no temp files");
        }
    }
}
