package org.sparkxqa.core.gpu.nvrtc;

import java.util.List;

/**
 * NVRTC rejected the kernel source ({@code NVRTC_ERROR_COMPILATION}). Carries what is needed to fix
 * it without reproducing the compile: the options, NVRTC's full log and the numbered source lines
 * around each error ({@link SourceExcerpt}); the message holds all three.
 */
public final class KernelCompileException extends NvrtcException {
    private final String programName;
    private final List<String> options;
    private final String log;
    private final String numberedSource;

    public KernelCompileException(ProgramSource source, CompileOptions options, String log) {
        this(
                source.name(),
                options.toList(),
                log,
                SourceExcerpt.of(source, log),
                options.arch().compileTarget());
    }

    private KernelCompileException(String name, List<String> options, String log, String excerpt, String arch) {
        super(
                "nvrtcCompileProgram",
                NvrtcBindings.NVRTC_ERROR_COMPILATION,
                "NVRTC could not compile " + name + " for " + arch + "\noptions: " + String.join(" ", options)
                        + "\n---- NVRTC log ----\n" + log.strip() + "\n"
                        + (excerpt.isEmpty() ? "(the log names no source line)\n" : excerpt));
        this.programName = name;
        this.options = options;
        this.log = log;
        this.numberedSource = excerpt;
    }

    /** The main source file's name. */
    public String programName() {
        return programName;
    }

    /** The exact options passed to NVRTC. */
    public List<String> options() {
        return options;
    }

    /** NVRTC's program log, unchanged. */
    public String log() {
        return log;
    }

    /** Numbered source lines around the errors, error lines marked with {@code >}; empty if none parsed. */
    public String numberedSource() {
        return numberedSource;
    }
}
