package org.sparkxqa.core.gpu.nvrtc;

/**
 * The version NVRTC reports ({@code nvrtcVersion}): part of every JIT cache key, because a different
 * compiler may produce a different (or incompatible) binary. Immutable.
 */
public record NvrtcVersion(int major, int minor) {
    /** {@code nvrtc13.0}: used in cache folder names. */
    public String label() {
        return "nvrtc" + major + "." + minor;
    }

    /** The builtins library NVRTC opens by name at compile time, e.g. {@code libnvrtc-builtins.so.13.0}. */
    public String builtinsLibraryName() {
        return "libnvrtc-builtins.so." + major + "." + minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
