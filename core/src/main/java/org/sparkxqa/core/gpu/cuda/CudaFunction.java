package org.sparkxqa.core.gpu.cuda;

import static jcuda.driver.CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES;
import static jcuda.driver.CUfunction_attribute.CU_FUNC_ATTRIBUTE_NUM_REGS;
import static jcuda.driver.JCudaDriver.cuFuncGetAttribute;
import static jcuda.driver.JCudaDriver.cuFuncSetAttribute;

import jcuda.driver.CUfunction;

/**
 * A kernel of a loaded {@link CudaModule}; valid while the module is open. Launches are asynchronous
 * on the given stream; errors in the launch itself throw at once, errors while running surface at the
 * next synchronisation. Thread-safe: concurrent launches on different streams are fine.
 */
public final class CudaFunction {
    private final CudaContext context;
    private final String name;
    private final CUfunction function;
    private int sharedOptIn = LaunchConfig.DEFAULT_SHARED_LIMIT;

    CudaFunction(CudaContext context, String name, CUfunction function) {
        this.context = context;
        this.name = name;
        this.function = function;
    }

    public String name() {
        return name;
    }

    /** Registers per thread ({@code CU_FUNC_ATTRIBUTE_NUM_REGS}). */
    public int registers() {
        int[] out = new int[1];
        CudaStatus.check(cuFuncGetAttribute(out, CU_FUNC_ATTRIBUTE_NUM_REGS, function), "cuFuncGetAttribute");
        return out[0];
    }

    /**
     * Allows up to {@code bytes} of dynamic shared memory per block (needed above 48 KiB; at most the
     * device's {@link DeviceInfo#maxSharedMemoryPerBlockOptin()}). {@link #launch} calls it as needed.
     */
    public synchronized void allowDynamicSharedMemory(int bytes) {
        if (bytes > sharedOptIn) {
            context.makeCurrent();
            CudaStatus.check(
                    cuFuncSetAttribute(function, CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, bytes),
                    "cuFuncSetAttribute(" + name + ", MAX_DYNAMIC_SHARED_SIZE_BYTES=" + bytes + ")");
            sharedOptIn = bytes;
        }
    }

    /**
     * Enqueues one launch on {@code stream} ({@code cuLaunchKernelEx}, so that a
     * {@link LaunchConfig#dependent()} launch can carry its attribute); the context is made current on
     * this thread first.
     */
    public void launch(LaunchConfig config, CudaStream stream, KernelArgs args) {
        context.makeCurrent();
        if (config.dynamicSharedBytes() > LaunchConfig.DEFAULT_SHARED_LIMIT) {
            allowDynamicSharedMemory(config.dynamicSharedBytes());
        }
        LaunchEx.launch(name, NativeHandles.address(function), config, stream.handle(), args);
    }
}
