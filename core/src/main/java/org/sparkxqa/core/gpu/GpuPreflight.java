package org.sparkxqa.core.gpu;

import org.sparkxqa.core.BackendUnavailableException;
import org.sparkxqa.core.gpu.cuda.DeviceInfo;
import org.sparkxqa.core.gpu.cuda.GpuProbe;
import org.sparkxqa.core.gpu.jit.KernelSourceLoader;
import org.sparkxqa.core.gpu.jit.KernelSources;
import org.sparkxqa.core.gpu.kernel.KernelEntry;
import org.sparkxqa.core.gpu.nvrtc.Nvrtc;
import org.sparkxqa.core.gpu.nvrtc.NvrtcException;

/**
 * Everything {@link GpuBackend} needs before it touches device memory, each checked with a message
 * that names what is missing: a CUDA driver, a GPU at the requested ordinal, compute capability 8.0
 * or newer, libnvrtc (with every path tried), an NVRTC that targets the device, the kernel sources.
 * Stateless; thread-safe.
 *
 * @param device the GPU to use
 * @param nvrtc the loaded compiler
 * @param sources the spec-dec kernel's sources
 */
record GpuPreflight(DeviceInfo device, Nvrtc nvrtc, KernelSources sources) {

    /**
     * Runs every check in order.
     *
     * @throws BackendUnavailableException naming the first thing missing
     */
    static GpuPreflight check(GpuOptions options) {
        GpuProbe.Result probe;
        try {
            probe = GpuProbe.probe();
        } catch (RuntimeException e) {
            throw unavailable("probing the CUDA driver failed: " + e.getMessage(), e);
        }
        if (!probe.available()) {
            throw unavailable(probe.reason(), null);
        }
        int ordinal = options.deviceOrdinal();
        if (ordinal >= probe.devices().size()) {
            throw unavailable(
                    "GPU " + ordinal + " was requested but the CUDA " + probe.driverVersion() + " driver sees "
                            + probe.devices().size() + " GPU(s): " + probe.devices(),
                    null);
        }
        DeviceInfo device = probe.devices().get(ordinal);
        if (device.arch().compareTo(KernelEntry.MIN_ARCH) < 0) {
            throw unavailable(
                    device + " has compute capability " + device.arch().major() + "."
                            + device.arch().minor()
                            + "; the spec-dec kernel needs " + KernelEntry.MIN_ARCH.major() + "."
                            + KernelEntry.MIN_ARCH.minor()
                            + " (" + KernelEntry.MIN_ARCH + ") or newer",
                    null);
        }
        Nvrtc nvrtc;
        try {
            nvrtc = Nvrtc.load(options.nvrtcPath());
        } catch (NvrtcException e) {
            throw unavailable("NVRTC not found: " + e.getMessage(), e);
        }
        if (!nvrtc.supportedArchs().contains(device.arch())) {
            throw unavailable(
                    nvrtc.description() + " cannot compile for " + device.arch() + " of " + device + "; it supports "
                            + nvrtc.supportedArchs() + " (use an NVRTC of the driver's CUDA version)",
                    null);
        }
        KernelSources sources = KernelSourceLoader.kernel()
                .orElseThrow(() -> unavailable(
                        "the kernel sources are not on the classpath (" + KernelSourceLoader.KERNEL_FOLDER + "/"
                                + KernelSourceLoader.LIST_FILE + "; add the sparkxqa-kernels jar)",
                        null));
        return new GpuPreflight(device, nvrtc, sources);
    }

    private static BackendUnavailableException unavailable(String what, Throwable cause) {
        return new BackendUnavailableException("GPU backend unavailable: " + what, cause);
    }
}
