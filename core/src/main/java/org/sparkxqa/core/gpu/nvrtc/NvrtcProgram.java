package org.sparkxqa.core.gpu.nvrtc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code nvrtcProgram}: created with its named headers, compiled once, then read (log, CUBIN) and
 * destroyed by {@link #close()}. Internal. Confined to the creating thread; one owner.
 */
final class NvrtcProgram implements AutoCloseable {
    private final NvrtcBindings nvrtc;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment handleSlot;

    NvrtcProgram(NvrtcBindings nvrtc, ProgramSource source) {
        this.nvrtc = nvrtc;
        try {
            handleSlot = arena.allocate(ADDRESS);
            List<String> names = new ArrayList<>(source.headers().keySet());
            List<String> texts = new ArrayList<>();
            for (Map.Entry<String, String> h : source.headers().entrySet()) {
                texts.add(h.getValue());
            }
            nvrtc.call(
                    "nvrtcCreateProgram",
                    nvrtc.createProgram,
                    handleSlot,
                    utf8(source.text()),
                    utf8(source.name()),
                    names.size(),
                    stringArray(texts),
                    stringArray(names));
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private MemorySegment handle() {
        return handleSlot.get(ADDRESS, 0);
    }

    /** Compiles; returns the raw {@code nvrtcResult} so the caller can treat compile errors specially. */
    int compile(List<String> options) {
        return nvrtc.invoke(nvrtc.compileProgram, handle(), options.size(), stringArray(options));
    }

    /** The program log (warnings and errors); empty if none. */
    String log() {
        MemorySegment size = arena.allocate(JAVA_LONG);
        nvrtc.call("nvrtcGetProgramLogSize", nvrtc.getProgramLogSize, handle(), size);
        long n = size.get(JAVA_LONG, 0);
        if (n <= 1) {
            return "";
        }
        MemorySegment buf = arena.allocate(n);
        nvrtc.call("nvrtcGetProgramLog", nvrtc.getProgramLog, handle(), buf);
        return buf.getString(0, StandardCharsets.UTF_8);
    }

    /** The compiled CUBIN (the program must have been compiled for a real {@code sm_XY}). */
    byte[] cubin() {
        MemorySegment size = arena.allocate(JAVA_LONG);
        nvrtc.call("nvrtcGetCUBINSize", nvrtc.getCubinSize, handle(), size);
        long n = size.get(JAVA_LONG, 0);
        if (n <= 0) {
            throw new NvrtcException("nvrtcGetCUBINSize", 0, "NVRTC produced no CUBIN (was -arch a real sm_XY?)");
        }
        MemorySegment buf = arena.allocate(n);
        nvrtc.call("nvrtcGetCUBIN", nvrtc.getCubin, handle(), buf);
        return buf.toArray(JAVA_BYTE);
    }

    private MemorySegment utf8(String s) {
        return arena.allocateFrom(s, StandardCharsets.UTF_8);
    }

    private MemorySegment stringArray(List<String> strings) {
        if (strings.isEmpty()) {
            return MemorySegment.NULL;
        }
        MemorySegment array = arena.allocate(ADDRESS, strings.size());
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ADDRESS, i, utf8(strings.get(i)));
        }
        return array;
    }

    @Override
    public void close() {
        try {
            if (!handle().equals(MemorySegment.NULL)) {
                nvrtc.call("nvrtcDestroyProgram", nvrtc.destroyProgram, handleSlot);
            }
        } finally {
            arena.close();
        }
    }
}
