package org.sparkxqa.core.gpu.cuda;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * One kernel launch through {@code cuLaunchKernelEx}: builds the driver's {@code CUlaunchConfig}
 * (and, for a {@link LaunchConfig#dependent()} launch, its one {@code CUlaunchAttribute}) and the
 * parameter array in a confined arena that lives for the call; the driver copies all of it before
 * returning. Stateless; thread-safe.
 */
final class LaunchEx {
    /** {@code CU_LAUNCH_ATTRIBUTE_PROGRAMMATIC_STREAM_SERIALIZATION}. */
    static final int PROGRAMMATIC_STREAM_SERIALIZATION = 6;

    /** {@code CUlaunchAttribute}: the id, padding to 8 bytes, a 64-byte value union. */
    static final StructLayout ATTRIBUTE = MemoryLayout.structLayout(
            JAVA_INT.withName("id"),
            MemoryLayout.paddingLayout(4),
            JAVA_INT.withName("value"),
            MemoryLayout.paddingLayout(60));

    /** {@code CUlaunchConfig}. */
    static final StructLayout CONFIG = MemoryLayout.structLayout(
            JAVA_INT.withName("gridDimX"),
            JAVA_INT.withName("gridDimY"),
            JAVA_INT.withName("gridDimZ"),
            JAVA_INT.withName("blockDimX"),
            JAVA_INT.withName("blockDimY"),
            JAVA_INT.withName("blockDimZ"),
            JAVA_INT.withName("sharedMemBytes"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("hStream"),
            ADDRESS.withName("attrs"),
            JAVA_INT.withName("numAttrs"),
            MemoryLayout.paddingLayout(4));

    private static final String[] DIMS = {
        "gridDimX", "gridDimY", "gridDimZ", "blockDimX", "blockDimY", "blockDimZ", "sharedMemBytes"
    };
    private static final long[] DIM_OFFSETS = offsets(CONFIG, DIMS);
    private static final long STREAM = CONFIG.byteOffset(groupElement("hStream"));
    private static final long ATTRS = CONFIG.byteOffset(groupElement("attrs"));
    private static final long NUM_ATTRS = CONFIG.byteOffset(groupElement("numAttrs"));
    private static final long ATTR_ID = ATTRIBUTE.byteOffset(groupElement("id"));
    private static final long ATTR_VALUE = ATTRIBUTE.byteOffset(groupElement("value"));

    private LaunchEx() {}

    static void launch(String name, long function, LaunchConfig c, long stream, KernelArgs args) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment config = arena.allocate(CONFIG);
            int[] dims = {c.gridX(), c.gridY(), c.gridZ(), c.blockX(), c.blockY(), c.blockZ(), c.dynamicSharedBytes()};
            for (int i = 0; i < dims.length; i++) {
                config.set(JAVA_INT, DIM_OFFSETS[i], dims[i]);
            }
            config.set(ADDRESS, STREAM, MemorySegment.ofAddress(stream));
            if (c.dependent()) {
                MemorySegment attr = arena.allocate(ATTRIBUTE);
                attr.set(JAVA_INT, ATTR_ID, PROGRAMMATIC_STREAM_SERIALIZATION);
                attr.set(JAVA_INT, ATTR_VALUE, 1);
                config.set(ADDRESS, ATTRS, attr);
                config.set(JAVA_INT, NUM_ATTRS, 1);
            }
            CudaStatus.check(
                    DriverFfm.launchKernelEx(config, function, args.toParams(arena)), "cuLaunchKernelEx(" + name + ")");
        }
    }

    private static long[] offsets(StructLayout layout, String[] fields) {
        long[] out = new long[fields.length];
        for (int i = 0; i < fields.length; i++) {
            out[i] = layout.byteOffset(groupElement(fields[i]));
        }
        return out;
    }
}
