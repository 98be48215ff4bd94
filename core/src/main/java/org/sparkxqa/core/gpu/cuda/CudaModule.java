package org.sparkxqa.core.gpu.cuda;

import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;

/**
 * A CUBIN loaded into a context ({@code cuModuleLoadData}). Owns the module: {@link #close()} unloads
 * it, after which its {@link CudaFunction}s must not be launched. Function lookup is thread-safe.
 */
public final class CudaModule implements AutoCloseable {
    private final CudaContext context;
    private final CUmodule module;
    private final long loadNanos;
    private final Map<String, CudaFunction> functions = new ConcurrentHashMap<>();
    private boolean closed;

    private CudaModule(CudaContext context, CUmodule module, long loadNanos) {
        this.context = context;
        this.module = module;
        this.loadNanos = loadNanos;
    }

    /** Loads a CUBIN (for the context's architecture) into {@code context}. */
    public static CudaModule load(CudaContext context, byte[] cubin) {
        context.makeCurrent();
        CUmodule module = new CUmodule();
        long t0 = System.nanoTime();
        CudaStatus.check(cuModuleLoadData(module, cubin), "cuModuleLoadData");
        return new CudaModule(context, module, System.nanoTime() - t0);
    }

    /** Wall-clock nanoseconds {@code cuModuleLoadData} took. */
    public long loadNanos() {
        return loadNanos;
    }

    /** The {@code extern "C" __global__} function {@code name}; cached per module. */
    public CudaFunction function(String name) {
        return functions.computeIfAbsent(name, n -> {
            context.makeCurrent();
            CUfunction f = new CUfunction();
            CudaStatus.check(cuModuleGetFunction(f, module, n), "cuModuleGetFunction(" + n + ")");
            return new CudaFunction(context, n, f);
        });
    }

    /** Unloads the module. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            context.makeCurrent();
            CudaStatus.check(cuModuleUnload(module), "cuModuleUnload");
        }
    }
}
