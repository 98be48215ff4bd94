package org.sparkxqa.core.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The parameter list of one kernel launch, in declaration order. Device pointers go in as raw
 * addresses ({@code long}), which is how a cuDF buffer's memory reaches a kernel; structs go in by
 * value as bytes. Not thread-safe; build, launch, discard.
 */
public final class KernelArgs {
    /** One parameter: its value and the alignment of its slot in the parameter buffer. */
    private record Param(Object value, int alignment) {}

    private final List<Param> params = new ArrayList<>();

    /** A device pointer parameter ({@code T*}), given as a raw device address. */
    public KernelArgs pointer(long deviceAddress) {
        return add(deviceAddress, 8);
    }

    /** A device pointer parameter pointing at the start of {@code buffer}. */
    public KernelArgs pointer(DeviceBuffer buffer) {
        return pointer(buffer.address());
    }

    /** An {@code int} parameter. */
    public KernelArgs i32(int value) {
        return add(value, 4);
    }

    /** A {@code long long} / {@code int64_t} parameter. */
    public KernelArgs i64(long value) {
        return add(value, 8);
    }

    /** A {@code float} parameter. */
    public KernelArgs f32(float value) {
        return add(value, 4);
    }

    /** A struct passed by value (e.g. a {@link TensorMap}): its bytes, copied, and its alignment. */
    public KernelArgs struct(byte[] bytes, int alignment) {
        return add(bytes.clone(), alignment);
    }

    private KernelArgs add(Object value, int alignment) {
        params.add(new Param(value, alignment));
        return this;
    }

    /**
     * The parameter values in order, for checks and logs: {@code Long} for pointers and {@code i64},
     * {@code Integer} for {@code i32}, {@code Float} for {@code f32}, a copy of the bytes for a struct.
     */
    public List<Object> values() {
        List<Object> out = new ArrayList<>(params.size());
        params.forEach(p -> out.add(p.value() instanceof byte[] b ? b.clone() : p.value()));
        return Collections.unmodifiableList(out);
    }

    /** Number of parameters. */
    public int size() {
        return params.size();
    }

    /** The {@code void**} that a launch takes, with every value in {@code arena}'s memory. */
    MemorySegment toParams(Arena arena) {
        MemorySegment pointers = arena.allocate(ADDRESS, Math.max(1, params.size()));
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            MemorySegment slot = switch (p.value()) {
                case Long l -> arena.allocateFrom(JAVA_LONG, l);
                case Integer n -> arena.allocateFrom(JAVA_INT, n);
                case Float f -> arena.allocateFrom(JAVA_FLOAT, f);
                case byte[] b -> arena.allocate(b.length, p.alignment()).copyFrom(MemorySegment.ofArray(b));
                default ->
                    throw new IllegalStateException(
                            "unknown parameter kind " + p.value().getClass());
            };
            pointers.setAtIndex(ADDRESS, i, slot);
        }
        return pointers;
    }
}
