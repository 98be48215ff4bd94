package org.sparkxqa.core.gpu.nvrtc;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.core.gpu.SmArch;

/**
 * NVRTC, called through {@code java.lang.foreign} (JCuda's NVRTC binding needs libnvrtc.so.12 and
 * cannot load CUDA 13's). {@link #load} finds the library ({@link NvrtcLocator}), preloads
 * {@code libnvrtc-builtins.so.<major>.<minor>} from the same folder (NVRTC dlopens it by name at
 * compile time) and binds the functions. Libraries stay loaded for the JVM's life; instances are
 * cached per explicit setting. Immutable and thread-safe: concurrent {@link #compile} calls are fine.
 * The JVM needs {@code --enable-native-access=ALL-UNNAMED}.
 */
public final class Nvrtc {
  private static final Logger LOG = LoggerFactory.getLogger(Nvrtc.class);
  private static final Map<String, Nvrtc> LOADED = new ConcurrentHashMap<>();

  private final NvrtcBindings bindings;
  private final NvrtcVersion version;
  private final String description;
  private final List<SmArch> supportedArchs;

  private Nvrtc(NvrtcBindings bindings, NvrtcVersion version, String description) {
    this.bindings = bindings;
    this.version = version;
    this.description = description;
    this.supportedArchs = querySupportedArchs(bindings);
  }

  /**
   * Loads NVRTC. {@code explicitPath} (file or folder; null or blank for none) overrides the property
   * and environment settings; with no explicit setting the standard places are searched.
   *
   * @throws NvrtcNotFoundException naming every place tried when no library loads
   */
  public static Nvrtc load(String explicitPath) {
    NvrtcLocator locator = NvrtcLocator.ofSystem();
    String key = String.valueOf(locator.explicitSetting(explicitPath));
    return LOADED.computeIfAbsent(key, k -> loadFirst(locator, explicitPath));
  }

  private static Nvrtc loadFirst(NvrtcLocator locator, String explicitPath) {
    List<String> tried = new ArrayList<>();
    RuntimeException last = null;
    for (NvrtcLocator.Candidate c : locator.candidates(explicitPath, tried)) {
      try {
        Nvrtc nvrtc = loadCandidate(c);
        LOG.info("Using {}", nvrtc.description());
        return nvrtc;
      } catch (RuntimeException e) {
        tried.add(c + ": " + e.getMessage());
        last = e;
      }
    }
    String setting = locator.explicitSetting(explicitPath);
    throw new NvrtcNotFoundException(setting != null
        ? "no usable libnvrtc at the configured path " + setting
        : "no libnvrtc found (set " + NvrtcLocator.ENV + " or spark.xqa.nvrtc.path, or pip install nvidia-cuda-nvrtc)",
        tried, last);
  }

  private static Nvrtc loadCandidate(NvrtcLocator.Candidate c) {
    Arena global = Arena.global();
    SymbolLookup lib = c.file() != null
        ? SymbolLookup.libraryLookup(c.file(), global)
        : SymbolLookup.libraryLookup(c.loaderName(), global);
    NvrtcBindings bindings = new NvrtcBindings(lib);
    NvrtcVersion version = queryVersion(bindings);
    String builtins = "builtins from the loader path";
    if (c.file() != null) {
      Path b = c.file().toAbsolutePath().getParent().resolve(version.builtinsLibraryName());
      if (Files.isRegularFile(b)) {
        SymbolLookup.libraryLookup(b, global);
        builtins = "builtins " + b;
      }
    }
    return new Nvrtc(bindings, version, "NVRTC " + version + " from " + c + ", " + builtins);
  }

  private static NvrtcVersion queryVersion(NvrtcBindings b) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment major = arena.allocate(JAVA_INT);
      MemorySegment minor = arena.allocate(JAVA_INT);
      b.call("nvrtcVersion", b.version, major, minor);
      return new NvrtcVersion(major.get(JAVA_INT, 0), minor.get(JAVA_INT, 0));
    }
  }

  /** The version NVRTC reports. */
  public NvrtcVersion version() {
    return version;
  }

  /** Which library was loaded, from where, and where the builtins came from (for logs and reasons). */
  public String description() {
    return description;
  }

  /** The real architectures this NVRTC can compile for ({@code nvrtcGetSupportedArchs}). */
  public List<SmArch> supportedArchs() {
    return supportedArchs;
  }

  private static List<SmArch> querySupportedArchs(NvrtcBindings bindings) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment count = arena.allocate(JAVA_INT);
      bindings.call("nvrtcGetNumSupportedArchs", bindings.getNumSupportedArchs, count);
      MemorySegment archs = arena.allocate(JAVA_INT, count.get(JAVA_INT, 0));
      bindings.call("nvrtcGetSupportedArchs", bindings.getSupportedArchs, archs);
      List<SmArch> out = new ArrayList<>();
      for (int a : archs.toArray(JAVA_INT)) {
        if (a / 10 >= 5 && a / 10 <= 12) {
          out.add(new SmArch(a / 10, a % 10));
        }
      }
      return List.copyOf(out);
    }
  }

  /**
   * Compiles {@code source} to a CUBIN for {@code options.arch()}. Blocks for the compile (tens of ms
   * to seconds); warnings go to the debug log.
   *
   * @return the CUBIN bytes (a fresh array, owned by the caller)
   * @throws KernelCompileException when the source does not compile (log and numbered source inside)
   * @throws NvrtcException for any other NVRTC failure, e.g. an architecture it does not support
   */
  public byte[] compile(ProgramSource source, CompileOptions options) {
    if (!supportedArchs.contains(options.arch())) {
      throw new NvrtcException("nvrtcCompileProgram", 5, "NVRTC " + version + " cannot compile for "
          + options.arch() + "; it supports " + supportedArchs);
    }
    try (NvrtcProgram program = new NvrtcProgram(bindings, source)) {
      int rc = program.compile(options.toList());
      String log = program.log();
      if (rc == NvrtcBindings.NVRTC_ERROR_COMPILATION) {
        throw new KernelCompileException(source, options, log);
      }
      bindings.check("nvrtcCompileProgram", rc);
      if (!log.isBlank()) {
        LOG.debug("NVRTC log for {} ({}):\n{}", source.name(), options.arch(), log);
      }
      return program.cubin();
    }
  }
}
