package org.sparkxqa.core.gpu.jit;

import java.nio.file.Path;
import java.util.List;
import org.sparkxqa.core.gpu.target.SmArch;

/**
 * Parsed arguments of {@link KernelCompileCommand}. Immutable.
 *
 * @param archs target architectures; null for the default
 * @param nvrtcPath libnvrtc file or folder; null for the standard search
 */
record CompileArgs(
        boolean all, List<SmArch> archs, Path cacheDir, String nvrtcPath, int jobs, String resources, boolean help) {

    /** Parses; throws {@link IllegalArgumentException} with a one-line reason on bad input. */
    static CompileArgs parse(String[] args) {
        boolean all = false;
        boolean help = false;
        List<SmArch> archs = null;
        Path cacheDir = CacheFolders.defaultRoot();
        String nvrtc = null;
        int jobs = Runtime.getRuntime().availableProcessors();
        String resources = KernelSourceLoader.KERNEL_FOLDER;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--all" -> all = true;
                case "-h", "--help" -> help = true;
                case "--arch" -> archs = SmArch.parseList(value(args, ++i, arg));
                case "--cache-dir" -> cacheDir = Path.of(value(args, ++i, arg));
                case "--nvrtc-path" -> nvrtc = value(args, ++i, arg);
                case "--kernel-resources" -> resources = value(args, ++i, arg);
                case "--jobs" -> jobs = positive(value(args, ++i, arg), arg);
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return new CompileArgs(all, archs, cacheDir, nvrtc, jobs, resources, help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String text, String option) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive number, got '" + text + "'");
    }
}
