package org.sparkxqa.core.gpu;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.BackendMetrics;
import org.sparkxqa.core.BackendUnavailableException;
import org.sparkxqa.core.gpu.cuda.CudaContext;
import org.sparkxqa.core.gpu.cuda.CudaException;
import org.sparkxqa.core.gpu.cuda.CudaFatalException;
import org.sparkxqa.core.gpu.cuda.CudaUnavailableException;
import org.sparkxqa.core.gpu.cuda.DeviceInfo;
import org.sparkxqa.core.gpu.cuda.GpuMemory;
import org.sparkxqa.core.gpu.jit.JitCache;
import org.sparkxqa.core.gpu.kernel.DeviceLimits;
import org.sparkxqa.core.gpu.target.KernelVariant;

/**
 * Everything a {@link GpuBackend} owns, opened in order (context, memory pools, JIT cache, kernel
 * modules, streams) and closed in reverse. Thread-safe apart from {@link #close}.
 */
record GpuResources(
        DeviceInfo device,
        CudaContext context,
        GpuMemory memory,
        DeviceLimits limits,
        KernelModules modules,
        SlotPool slots,
        BackendMetrics metrics)
        implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GpuResources.class);

    /** Checks prerequisites, initialises the device and loads the warmup kernels. */
    static GpuResources open(GpuOptions options) {
        GpuPreflight pre = GpuPreflight.check(options);
        DeviceInfo device = pre.device();
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            CudaContext context = CudaContext.open(device.ordinal());
            opened.add(context);
            GpuMemory memory =
                    GpuMemory.initialize(device.ordinal(), options.poolFraction(), options.pinnedPoolBytes());
            opened.add(memory);
            DeviceLimits limits = DeviceLimitsQuery.of(device.ordinal());
            JitCache jit = JitCache.shared(
                    pre.sources(), pre.nvrtc(), JitCache.Options.at(options.jitCacheRoot(), options.jitCacheLimits()));
            KernelModules modules = new KernelModules(context, jit, device.arch(), options.metrics());
            opened.add(modules);
            SlotPool slots = new SlotPool(context, new SlotMemory(options.allocations(), memory));
            opened.add(slots);
            GpuResources r = new GpuResources(device, context, memory, limits, modules, slots, options.metrics());
            warmup(modules, options.warmup());
            LOG.info(
                    "GPU backend open on {} with {} ({} warmup kernels)",
                    device,
                    pre.nvrtc().description(),
                    modules.size());
            return r;
        } catch (RuntimeException | Error e) {
            closeAll(opened.reversed(), e);
            RuntimeException t = e instanceof RuntimeException re ? CudfErrors.translate(re) : null;
            if (t instanceof CudaFatalException || t == null) {
                throw e;
            }
            if (t instanceof CudaException || t instanceof CudaUnavailableException) {
                throw new BackendUnavailableException(
                        "GPU backend unavailable: initialising " + device + " failed: " + t.getMessage(), t);
            }
            throw t;
        }
    }

    private static void warmup(KernelModules modules, List<AttentionSpec> specs) {
        List<KernelVariant> variants = specs.stream().map(KernelVariant::of).toList();
        modules.prepare(variants, Runtime.getRuntime().availableProcessors());
    }

    /** Frees streams, modules, then the pools this backend created and the context reference. */
    @Override
    public void close() {
        closeAll(List.of(slots, modules, memory, context), null);
    }

    private static void closeAll(List<AutoCloseable> items, Throwable primary) {
        RuntimeException first = null;
        for (AutoCloseable c : items) {
            try {
                c.close();
            } catch (Exception e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else if (first == null) {
                    first = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
