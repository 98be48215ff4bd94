package org.sparkxqa.core.gpu.nvrtc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Downcall handles for the NVRTC functions this project uses, bound to one loaded library, and the
 * one helper that turns an {@code nvrtcResult} into an exception. Internal; immutable and thread-safe
 * (NVRTC allows concurrent calls on different programs).
 */
final class NvrtcBindings {
    static final int NVRTC_SUCCESS = 0;
    static final int NVRTC_ERROR_COMPILATION = 6;
    static final int NVRTC_ERROR_BUILTIN_OPERATION_FAILURE = 7;

    final MethodHandle getErrorString;
    final MethodHandle version;
    final MethodHandle createProgram;
    final MethodHandle compileProgram;
    final MethodHandle getProgramLogSize;
    final MethodHandle getProgramLog;
    final MethodHandle getCubinSize;
    final MethodHandle getCubin;
    final MethodHandle destroyProgram;
    final MethodHandle getNumSupportedArchs;
    final MethodHandle getSupportedArchs;

    NvrtcBindings(SymbolLookup lib) {
        Linker linker = Linker.nativeLinker();
        getErrorString = bind(linker, lib, "nvrtcGetErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        version = bind(linker, lib, "nvrtcVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        createProgram = bind(
                linker,
                lib,
                "nvrtcCreateProgram",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        compileProgram =
                bind(linker, lib, "nvrtcCompileProgram", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        getProgramLogSize =
                bind(linker, lib, "nvrtcGetProgramLogSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        getProgramLog = bind(linker, lib, "nvrtcGetProgramLog", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        getCubinSize = bind(linker, lib, "nvrtcGetCUBINSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        getCubin = bind(linker, lib, "nvrtcGetCUBIN", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        destroyProgram = bind(linker, lib, "nvrtcDestroyProgram", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getNumSupportedArchs = bind(linker, lib, "nvrtcGetNumSupportedArchs", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getSupportedArchs = bind(linker, lib, "nvrtcGetSupportedArchs", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd) {
        MemorySegment symbol = lib.find(name)
                .orElseThrow(() -> new NvrtcException("libnvrtc has no symbol " + name + " (too old an NVRTC?)", null));
        return linker.downcallHandle(symbol, fd);
    }

    /** Calls an NVRTC function that returns {@code nvrtcResult} and checks the result. */
    void call(String function, MethodHandle handle, Object... args) {
        check(function, invoke(handle, args));
    }

    /** Calls an NVRTC function and returns its raw {@code nvrtcResult}, for callers that handle codes. */
    int invoke(MethodHandle handle, Object... args) {
        try {
            return (int) handle.invokeWithArguments(args);
        } catch (Throwable t) {
            throw new NvrtcException("calling NVRTC failed: " + t, t);
        }
    }

    /** The one place an {@code nvrtcResult} becomes an exception: names the function and NVRTC's text. */
    void check(String function, int result) {
        if (result == NVRTC_SUCCESS) {
            return;
        }
        String hint = result == NVRTC_ERROR_BUILTIN_OPERATION_FAILURE
                ? " (libnvrtc-builtins.so.<major>.<minor> could not be loaded: it must sit next to libnvrtc)"
                : "";
        throw new NvrtcException(
                function, result, function + " failed: " + errorString(result) + " (" + result + ")" + hint);
    }

    String errorString(int result) {
        try {
            MemorySegment text = (MemorySegment) getErrorString.invokeWithArguments(result);
            return text.equals(MemorySegment.NULL)
                    ? "unknown nvrtcResult"
                    : text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "nvrtcResult " + result;
        }
    }
}
