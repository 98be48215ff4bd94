package org.sparkxqa.core.gpu.nvrtc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.core.gpu.target.SmArch;

/**
 * NVRTC, called through {@code java.lang.foreign} (JCuda's NVRTC binding needs libnvrtc.so.12 and
 * cannot load CUDA 13's). {@link #load} finds and loads the library once per explicit setting.
 * Immutable and thread-safe: concurrent {@link #compile} calls are fine. The JVM needs
 * {@code --enable-native-access=ALL-UNNAMED}.
 */
public final class Nvrtc {
    /** Stack size of the thread each compile runs on (address space only; pages are used as touched). */
    public static final long COMPILER_STACK_MIB = 256;

    private static final Logger LOG = LoggerFactory.getLogger(Nvrtc.class);
    private static final Map<String, Nvrtc> LOADED = new ConcurrentHashMap<>();

    private final NvrtcBindings bindings;
    private final NvrtcVersion version;
    private final String description;
    private final List<SmArch> supportedArchs;

    Nvrtc(NvrtcBindings bindings, NvrtcVersion version, String description, List<SmArch> supportedArchs) {
        this.bindings = bindings;
        this.version = version;
        this.description = description;
        this.supportedArchs = supportedArchs;
    }

    /**
     * Loads NVRTC. {@code explicitPath} (file or folder; null or blank for none) overrides the property
     * and environment settings; with no explicit setting the standard places are searched
     * ({@link NvrtcLocator}).
     *
     * @throws NvrtcNotFoundException naming every place tried when no library loads
     */
    public static Nvrtc load(String explicitPath) {
        NvrtcLocator locator = NvrtcLocator.ofSystem();
        String key = String.valueOf(locator.explicitSetting(explicitPath));
        return LOADED.computeIfAbsent(key, k -> NvrtcLoader.loadFirst(locator, explicitPath));
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

    /**
     * Compiles {@code source} to a CUBIN for {@code options.arch()} (its {@link SmArch#compileTarget()}):
     * {@link #compileWithLog}'s CUBIN; the log goes to the debug log.
     *
     * @return the CUBIN bytes (a fresh array, owned by the caller)
     * @throws KernelCompileException when the source does not compile (log and numbered source inside)
     * @throws NvrtcException for any other NVRTC failure, e.g. an architecture it does not support
     */
    public byte[] compile(ProgramSource source, CompileOptions options) {
        return compileWithLog(source, options).cubin();
    }

    /**
     * Compiles {@code source} to a CUBIN for {@code options.arch()} and returns it with NVRTC's program
     * log (front-end and ptxas warnings, e.g. C7515). Blocks for the compile (tens of ms to seconds). The compile runs on a
     * fresh thread with a {@value #COMPILER_STACK_MIB} MiB stack: NVRTC recurses deeply on complex code,
     * and overflowing a default 1 MiB Java thread stack (a Spark task thread's, say) kills the whole JVM
     * with SIGSEGV.
     *
     * @return the CUBIN (a fresh array, owned by the caller) and the log
     * @throws KernelCompileException when the source does not compile (log and numbered source inside)
     * @throws NvrtcException for any other NVRTC failure, e.g. an architecture it does not support
     */
    public CompileResult compileWithLog(ProgramSource source, CompileOptions options) {
        FutureTask<CompileResult> task = new FutureTask<>(() -> compileOnThisThread(source, options));
        Thread compiler = new Thread(null, task, "xqa-nvrtc-" + options.arch(), COMPILER_STACK_MIB << 20);
        compiler.setDaemon(true);
        compiler.start();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new NvrtcException("NVRTC compile failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private CompileResult compileOnThisThread(ProgramSource source, CompileOptions options) {
        if (!supportedArchs.contains(options.arch())) {
            throw new NvrtcException(
                    "nvrtcCompileProgram",
                    5,
                    "NVRTC " + version + " cannot compile for " + options.arch() + "; it supports " + supportedArchs);
        }
        try (NvrtcProgram program = new NvrtcProgram(bindings, source)) {
            int rc = program.compile(options.toList());
            String log = program.log();
            if (rc == NvrtcBindings.NVRTC_ERROR_COMPILATION) {
                throw new KernelCompileException(source, options, log);
            }
            bindings.check("nvrtcCompileProgram", rc);
            if (!log.isBlank()) {
                LOG.debug(
                        "NVRTC log for {} ({}):\n{}",
                        source.name(),
                        options.arch().compileTarget(),
                        log);
            }
            return new CompileResult(program.cubin(), log);
        }
    }
}
