package org.sparkxqa.core.gpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.core.gpu.TestKernel;

class KernelSourceLoaderTest {
    @TempDir
    Path tmp;

    private ClassLoader folderLoader(Map<String, String> files) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("k"));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        return new URLClassLoader(new URL[] {tmp.toUri().toURL()}, null);
    }

    @Test
    void readsTheListMainFirstSkippingComments() {
        KernelSources s = TestKernel.sources();
        assertEquals(
                List.of("test_kernel.cu", "test_affine.cuh"),
                List.copyOf(s.files().keySet()));
        assertEquals("test_kernel.cu", s.program().name());
        assertEquals(
                List.of("test_affine.cuh"), List.copyOf(s.program().headers().keySet()));
        assertTrue(s.sha256().matches("[0-9a-f]{64}"));
    }

    @Test
    void absentListIsEmptyNotAnError() throws IOException {
        assertTrue(KernelSourceLoader.load(folderLoader(Map.of()), "k").isEmpty());
    }

    @Test
    void badListsFailWithTheReason() throws IOException {
        ClassLoader missing = folderLoader(Map.of("sources.txt", "main.cu\n"));
        assertTrue(assertThrows(IllegalStateException.class, () -> KernelSourceLoader.load(missing, "k"))
                .getMessage()
                .contains("main.cu"));
        ClassLoader escaping = folderLoader(Map.of("sources.txt", "../secret.cu\n"));
        assertThrows(IllegalStateException.class, () -> KernelSourceLoader.load(escaping, "k"));
        ClassLoader empty = folderLoader(Map.of("sources.txt", "# nothing\n\n", "main.cu", ""));
        assertThrows(IllegalStateException.class, () -> KernelSourceLoader.load(empty, "k"));
    }

    @Test
    void hashCoversEveryFileAndTheBoundariesBetweenThem() {
        Map<String, String> a = new LinkedHashMap<>(Map.of("m.cu", "ab"));
        a.put("h.cuh", "c");
        Map<String, String> b = new LinkedHashMap<>(Map.of("m.cu", "a"));
        b.put("h.cuh", "bc");
        Map<String, String> c = new LinkedHashMap<>(Map.of("m.cu", "ab"));
        c.put("h.cuh", "d");
        String ha = new KernelSources("t", a).sha256();
        assertNotEquals(ha, new KernelSources("t", b).sha256());
        assertNotEquals(ha, new KernelSources("t", c).sha256());
        assertEquals(ha, new KernelSources("elsewhere", new LinkedHashMap<>(a)).sha256());
    }
}
