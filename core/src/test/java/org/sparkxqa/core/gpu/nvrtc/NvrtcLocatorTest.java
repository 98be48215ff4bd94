package org.sparkxqa.core.gpu.nvrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search order, on fake library files (nothing is loaded). */
class NvrtcLocatorTest {
    @TempDir
    Path tmp;

    private Path lib(String folder, String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(folder));
        return Files.writeString(dir.resolve(name), "not really a library");
    }

    private List<Path> files(NvrtcLocator locator, String explicit) {
        return locator.candidates(explicit, new ArrayList<>()).stream()
                .filter(c -> c.file() != null && c.file().startsWith(tmp))
                .map(NvrtcLocator.Candidate::file)
                .toList();
    }

    @Test
    void cudaHomeComesBeforePipAndNewerSonameFirst() throws IOException {
        Path home13 = lib("cuda/lib64", "libnvrtc.so.13");
        Path home12 = lib("cuda/lib64", "libnvrtc.so.12");
        Path pip = lib("venv/lib/python3.12/site-packages/nvidia/cu13/lib", "libnvrtc.so.13");
        Path pip12 = lib("venv/lib/python3.12/site-packages/nvidia/cuda_nvrtc/lib", "libnvrtc.so.12");
        Map<String, String> env = Map.of(
                "CUDA_HOME",
                tmp.resolve("cuda").toString(),
                "VIRTUAL_ENV",
                tmp.resolve("venv").toString());
        NvrtcLocator locator = new NvrtcLocator(env, k -> null, tmp.resolve("home"));
        assertEquals(List.of(home13, home12, pip, pip12), files(locator, null));
        List<NvrtcLocator.Candidate> all = locator.candidates(null, new ArrayList<>());
        assertEquals("libnvrtc.so.12", all.getLast().loaderName(), "the loader's own path comes last");
    }

    @Test
    void explicitSettingWinsAndIsTheOnlyPlaceSearched() throws IOException {
        Path explicitFile = lib("mine", "libnvrtc.so.12");
        lib("cuda/lib64", "libnvrtc.so.13");
        Map<String, String> env =
                new HashMap<>(Map.of("CUDA_HOME", tmp.resolve("cuda").toString()));
        NvrtcLocator byArg = new NvrtcLocator(env, k -> null, tmp);
        assertEquals(List.of(explicitFile), files(byArg, explicitFile.toString()));
        assertEquals(
                1, byArg.candidates(explicitFile.toString(), new ArrayList<>()).size());

        env.put(NvrtcLocator.ENV, tmp.resolve("mine").toString());
        assertEquals(List.of(explicitFile), files(new NvrtcLocator(env, k -> null, tmp), null), "env folder");
        NvrtcLocator byProperty = new NvrtcLocator(env, k -> k.equals(NvrtcLocator.PROPERTY) ? "/nowhere" : null, tmp);
        List<String> tried = new ArrayList<>();
        assertTrue(
                byProperty.candidates(null, tried).isEmpty(),
                "the property beats the env, and a wrong one finds nothing");
        assertTrue(tried.getFirst().startsWith("/nowhere"), tried.toString());
    }

    @Test
    void blankSettingsCountAsUnset() {
        NvrtcLocator locator = new NvrtcLocator(Map.of(NvrtcLocator.ENV, "  "), k -> "", tmp);
        assertNull(locator.explicitSetting(" "));
    }

    @Test
    void aWrongExplicitPathFailsLoudlyNamingIt() {
        NvrtcNotFoundException e = assertThrows(
                NvrtcNotFoundException.class,
                () -> Nvrtc.load(tmp.resolve("no-such-folder").toString()));
        assertTrue(e.getMessage().contains("no-such-folder"), e.getMessage());
        assertEquals(1, e.tried().size(), e.tried().toString());
    }

    @Test
    void aLibraryThatIsNotNvrtcIsReportedNotSkippedSilently() throws IOException {
        Path other = Path.of(System.getProperty("java.home"), "lib", "libzip.so");
        Path fake =
                Files.copy(other, Files.createDirectories(tmp.resolve("fake")).resolve("libnvrtc.so.13"));
        NvrtcNotFoundException e = assertThrows(NvrtcNotFoundException.class, () -> Nvrtc.load(fake.toString()));
        assertTrue(e.tried().getFirst().startsWith(fake.toString()), e.tried().toString());
        assertTrue(e.getMessage().contains("no symbol nvrtc"), e.getMessage());
    }
}
