package org.sparkxqa.core.gpu.nvrtc;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.core.gpu.target.SmArch;

/**
 * Loads the first usable {@link NvrtcLocator} candidate: the library, its version, then
 * {@code libnvrtc-builtins.so.<major>.<minor>} from the same folder (NVRTC dlopens it by name at
 * compile time; preloading it makes a by-path load work without {@code LD_LIBRARY_PATH}).
 * Libraries stay loaded for the JVM's life. Internal; stateless.
 */
final class NvrtcLoader {
    private static final Logger LOG = LoggerFactory.getLogger(NvrtcLoader.class);

    private NvrtcLoader() {}

    static Nvrtc loadFirst(NvrtcLocator locator, String explicitPath) {
        List<String> tried = new ArrayList<>();
        RuntimeException last = null;
        for (NvrtcLocator.Candidate c : locator.candidates(explicitPath, tried)) {
            try {
                Nvrtc nvrtc = load(c);
                LOG.info("Using {}", nvrtc.description());
                return nvrtc;
            } catch (RuntimeException e) {
                tried.add(c + ": " + e.getMessage());
                last = e;
            }
        }
        String setting = locator.explicitSetting(explicitPath);
        throw new NvrtcNotFoundException(
                setting != null
                        ? "no usable libnvrtc at the configured path " + setting
                        : "no libnvrtc found (set " + NvrtcLocator.ENV
                                + " or spark.xqa.nvrtc.path, or pip install nvidia-cuda-nvrtc)",
                tried,
                last);
    }

    private static Nvrtc load(NvrtcLocator.Candidate c) {
        Arena global = Arena.global();
        SymbolLookup lib = c.file() != null
                ? SymbolLookup.libraryLookup(c.file(), global)
                : SymbolLookup.libraryLookup(c.loaderName(), global);
        NvrtcBindings bindings = new NvrtcBindings(lib);
        NvrtcVersion version = version(bindings);
        String builtins = "builtins from the loader path";
        if (c.file() != null) {
            Path b = c.file().toAbsolutePath().getParent().resolve(version.builtinsLibraryName());
            if (Files.isRegularFile(b)) {
                SymbolLookup.libraryLookup(b, global);
                builtins = "builtins " + b;
            }
        }
        return new Nvrtc(
                bindings, version, "NVRTC " + version + " from " + c + ", " + builtins, supportedArchs(bindings));
    }

    private static NvrtcVersion version(NvrtcBindings b) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment major = arena.allocate(JAVA_INT);
            MemorySegment minor = arena.allocate(JAVA_INT);
            b.call("nvrtcVersion", b.version, major, minor);
            return new NvrtcVersion(major.get(JAVA_INT, 0), minor.get(JAVA_INT, 0));
        }
    }

    private static List<SmArch> supportedArchs(NvrtcBindings b) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(JAVA_INT);
            b.call("nvrtcGetNumSupportedArchs", b.getNumSupportedArchs, count);
            MemorySegment archs = arena.allocate(JAVA_INT, count.get(JAVA_INT, 0));
            b.call("nvrtcGetSupportedArchs", b.getSupportedArchs, archs);
            List<SmArch> out = new ArrayList<>();
            for (int a : archs.toArray(JAVA_INT)) {
                if (a / 10 >= 5 && a / 10 <= 12) {
                    out.add(new SmArch(a / 10, a % 10));
                }
            }
            return List.copyOf(out);
        }
    }
}
