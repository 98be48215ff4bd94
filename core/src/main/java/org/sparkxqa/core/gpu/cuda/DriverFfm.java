package org.sparkxqa.core.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The two driver entry points this project needs that JCuda 12.6 does not wrap, bound to
 * {@code libcuda.so.1} through {@code java.lang.foreign}: {@code cuLaunchKernelEx} (launch
 * attributes, for programmatic dependent launch) and {@code cuTensorMapEncodeTiled} (Hopper TMA
 * descriptors). The library is the one JCuda already loaded; it is bound on first use. Thread-safe.
 * Calls return raw {@code CUresult} codes for {@link CudaStatus#check}.
 */
final class DriverFfm {
    private record Bound(MethodHandle launchKernelEx, MethodHandle tensorMapEncodeTiled) {}

    private static Bound bound;

    private DriverFfm() {}

    private static synchronized Bound bound() {
        if (bound == null) {
            SymbolLookup lib;
            try {
                lib = SymbolLookup.libraryLookup("libcuda.so.1", Arena.global());
            } catch (IllegalArgumentException e) {
                throw new CudaUnavailableException("libcuda.so.1 cannot be loaded: " + e.getMessage());
            }
            Linker linker = Linker.nativeLinker();
            bound = new Bound(
                    bind(
                            linker,
                            lib,
                            "cuLaunchKernelEx",
                            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS)),
                    bind(
                            linker,
                            lib,
                            "cuTensorMapEncodeTiled",
                            FunctionDescriptor.of(
                                    JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS,
                                    JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT)));
        }
        return bound;
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd) {
        MemorySegment symbol = lib.find(name)
                .orElseThrow(() -> new CudaUnavailableException(
                        "libcuda.so.1 has no " + name + " (a CUDA 12.0 or newer driver is needed)"));
        return linker.downcallHandle(symbol, fd);
    }

    /** A downcall through an exactly typed handle; it may throw what the handle declares. */
    @FunctionalInterface
    private interface Downcall {
        int call(Bound b) throws Throwable;
    }

    /** Runs one downcall: runtime exceptions and errors pass through, anything else names the function. */
    private static int invoke(String name, Downcall downcall) {
        try {
            return downcall.call(bound());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("calling " + name + " failed", t);
        }
    }

    /** {@code cuLaunchKernelEx(config, function, kernelParams, NULL)}; {@code function} is a raw CUfunction. */
    static int launchKernelEx(MemorySegment config, long function, MemorySegment kernelParams) {
        return invoke("cuLaunchKernelEx", b -> (int) b.launchKernelEx()
                .invokeExact(config, MemorySegment.ofAddress(function), kernelParams, MemorySegment.NULL));
    }

    /** {@code cuTensorMapEncodeTiled}; {@code out} receives the 128-byte map. */
    static int tensorMapEncodeTiled(
            MemorySegment out,
            int dataType,
            int rank,
            long address,
            MemorySegment dims,
            MemorySegment strides,
            MemorySegment box,
            MemorySegment elementStrides,
            int interleave,
            int swizzle,
            int l2Promotion,
            int oobFill) {
        return invoke("cuTensorMapEncodeTiled", b -> (int) b.tensorMapEncodeTiled()
                .invokeExact(
                        out,
                        dataType,
                        rank,
                        MemorySegment.ofAddress(address),
                        dims,
                        strides,
                        box,
                        elementStrides,
                        interleave,
                        swizzle,
                        l2Promotion,
                        oobFill));
    }
}
