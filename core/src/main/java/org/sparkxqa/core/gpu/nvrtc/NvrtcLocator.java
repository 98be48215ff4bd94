package org.sparkxqa.core.gpu.nvrtc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Finds {@code libnvrtc} candidates, in the order that serves real clusters: an explicit setting
 * (argument, then system property {@value #PROPERTY}, then environment {@value #ENV}; a file or a
 * folder), {@code CUDA_HOME}/{@code CUDA_PATH} lib64, {@code /usr/local/cuda/lib64}, the pip packages'
 * {@code nvidia/cu13/lib} and {@code nvidia/cuda_nvrtc/lib} under Python site-packages folders that are
 * cheap to find, and last the dynamic loader's own search path. Only file existence is checked here;
 * {@link Nvrtc#load} loads. Stateless apart from its inputs; thread-safe.
 */
public final class NvrtcLocator {
    /** System property naming libnvrtc or its folder. */
    public static final String PROPERTY = "xqa.nvrtc.path";
    /** Environment variable naming libnvrtc or its folder. */
    public static final String ENV = "XQA_NVRTC_PATH";
    /** Library file names accepted, newest first. */
    public static final List<String> NAMES = List.of("libnvrtc.so.13", "libnvrtc.so.12");

    /** A place to load libnvrtc from: a file, or (when {@code file} is null) a name for the loader. */
    public record Candidate(Path file, String loaderName, String origin) {
        @Override
        public String toString() {
            return (file != null ? file.toString() : loaderName + " on the loader path") + " (" + origin + ")";
        }
    }

    private final Map<String, String> env;
    private final UnaryOperator<String> properties;
    private final Path home;

    public NvrtcLocator(Map<String, String> env, UnaryOperator<String> properties, Path home) {
        this.env = env;
        this.properties = properties;
        this.home = home;
    }

    /** A locator over this process's environment, system properties and home folder. */
    public static NvrtcLocator ofSystem() {
        return new NvrtcLocator(System.getenv(), System::getProperty, Path.of(System.getProperty("user.home", "/")));
    }

    /**
     * The explicit setting, if any: {@code explicitPath} when not blank, else the property, else the env.
     * When one is set, only it is searched (a wrong explicit setting must not be silently ignored).
     */
    public String explicitSetting(String explicitPath) {
        for (String v : new String[] {explicitPath, properties.apply(PROPERTY), env.get(ENV)}) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    /** Candidates in search order; {@code tried} receives one line per place without a library. */
    public List<Candidate> candidates(String explicitPath, List<String> tried) {
        String explicit = explicitSetting(explicitPath);
        List<Candidate> out = new ArrayList<>();
        if (explicit != null) {
            Path p = Path.of(explicit);
            if (Files.isRegularFile(p)) {
                out.add(new Candidate(p, null, "explicit setting"));
            } else {
                addFolder(p, "explicit setting", out, tried);
            }
            return out;
        }
        for (String var : new String[] {"CUDA_HOME", "CUDA_PATH"}) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                addFolder(Path.of(v, "lib64"), var, out, tried);
            }
        }
        addFolder(Path.of("/usr/local/cuda/lib64"), "default CUDA install", out, tried);
        for (Path site : sitePackages()) {
            addFolder(site.resolve("nvidia/cu13/lib"), "pip nvidia-cuda-nvrtc", out, tried);
            addFolder(site.resolve("nvidia/cuda_nvrtc/lib"), "pip nvidia-cuda-nvrtc (CUDA 12)", out, tried);
        }
        for (String name : NAMES) {
            out.add(new Candidate(null, name, "dynamic loader path"));
        }
        return out;
    }

    private static void addFolder(Path dir, String origin, List<Candidate> out, List<String> tried) {
        boolean found = false;
        for (String name : NAMES) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                out.add(new Candidate(f, null, origin));
                found = true;
            }
        }
        if (!found) {
            tried.add(dir + " (" + origin + "): no " + String.join(" or ", NAMES));
        }
    }

    /** Python site-packages folders found without starting Python: PYTHONPATH, venv/conda, user, system, pyenv. */
    List<Path> sitePackages() {
        Set<Path> out = new LinkedHashSet<>();
        String pythonPath = env.get("PYTHONPATH");
        if (pythonPath != null) {
            for (String p : pythonPath.split(":")) {
                if (!p.isBlank()) {
                    out.add(Path.of(p));
                }
            }
        }
        List<Path> prefixes = new ArrayList<>();
        for (String var : new String[] {"VIRTUAL_ENV", "CONDA_PREFIX"}) {
            if (env.get(var) != null && !env.get(var).isBlank()) {
                prefixes.add(Path.of(env.get(var)));
            }
        }
        prefixes.addAll(List.of(home.resolve(".local"), Path.of("/usr/local"), Path.of("/usr"), Path.of("/opt/conda")));
        try (DirectoryStream<Path> pyenv = Files.newDirectoryStream(home.resolve(".pyenv/versions"))) {
            pyenv.forEach(prefixes::add);
        } catch (IOException | RuntimeException e) {
            // no pyenv
        }
        for (Path prefix : prefixes) {
            try (DirectoryStream<Path> pys = Files.newDirectoryStream(prefix.resolve("lib"), "python3*")) {
                for (Path py : pys) {
                    out.add(py.resolve("site-packages"));
                    out.add(py.resolve("dist-packages"));
                }
            } catch (IOException | RuntimeException e) {
                // no lib folder under this prefix
            }
        }
        out.removeIf(p -> !Files.isDirectory(p));
        return new ArrayList<>(out);
    }
}
