package org.sparkxqa.core.gpu.kernel;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a compiled module's {@code xqa_describe} wrote: the {@code XqaDescribe} struct of
 * {@code xqa_describe.cuh}, read field by field by name through {@link #LAYOUT}. {@link #read} checks
 * the ABI version and the struct's size before anything else. Immutable.
 */
public final class KernelDescription {
    private static final ValueLayout.OfInt I32 = JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Flag: K/V tiles load through tensor maps (sm_90a). */
    public static final String TENSOR_MAPS = "tensor_maps";
    /** Flag: the merge waits on the device for the attention grid (sm_90+: dependent launch). */
    public static final String DEPENDENT_MERGE = "dependent_merge";
    /** Flag: a launch's block has a warpgroup per {@code q_row_unit} shared Q rows (sm_90a). */
    public static final String WARPGROUP_PER_M_TILE = "warpgroup_per_m_tile";

    private static final ValueLayout.OfInt READ = JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** {@code XqaDescribe}, int32 fields in the header's order. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(Arrays.stream(new String[] {
                        "abi_version",
                        "describe_bytes",
                        "q_type",
                        "kv_type",
                        "head_dim",
                        "group",
                        "threads",
                        "cta_rows",
                        "tile_keys",
                        "max_stages",
                        "stage_bytes",
                        "row_bytes",
                        "merge_rows",
                        "request_bytes",
                        "work_bytes",
                        "merge_item_bytes",
                        "q_row_unit",
                        "barrier_bytes",
                        TENSOR_MAPS,
                        DEPENDENT_MERGE,
                        WARPGROUP_PER_M_TILE,
                        "convert_bytes"
                    })
                    .map(I32::withName)
                    .toArray(MemoryLayout[]::new))
            .withName("XqaDescribe");

    /** Bytes the host reserves for the kernel to write into: more than any {@code XqaDescribe} may need. */
    public static final int BUFFER_BYTES = 1024;

    private final Map<String, Integer> fields;

    private KernelDescription(Map<String, Integer> fields) {
        this.fields = fields;
    }

    /**
     * Reads the struct from the bytes the kernel wrote (at least {@code LAYOUT.byteSize()}).
     *
     * @throws IllegalStateException when the ABI version or the struct's size differs from this host's
     */
    public static KernelDescription read(MemorySegment bytes) {
        int version = bytes.get(READ, 0);
        if (version != KernelGeometry.ABI_VERSION) {
            throw new IllegalStateException("kernel reports ABI version " + version + " but the host speaks "
                    + KernelGeometry.ABI_VERSION + " (kernel sources and host code are from different builds)");
        }
        int size = bytes.get(READ, LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("describe_bytes")));
        if (size != LAYOUT.byteSize()) {
            throw new IllegalStateException("kernel's XqaDescribe is " + size + " bytes but the host's layout is "
                    + LAYOUT.byteSize() + " (xqa_describe.cuh and KernelDescription disagree)");
        }
        Map<String, Integer> values = new LinkedHashMap<>();
        for (MemoryLayout m : LAYOUT.memberLayouts()) {
            String name = m.name().orElseThrow();
            values.put(name, bytes.get(READ, LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(name))));
        }
        return new KernelDescription(values);
    }

    /** A description from values in {@link #LAYOUT}'s field order, unchecked (tests, tools). */
    public static KernelDescription of(int... values) {
        String[] names = AbiLayouts.fieldNames(LAYOUT);
        if (values.length != names.length) {
            throw new IllegalArgumentException(values.length + " values for " + names.length + " fields");
        }
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], values[i]);
        }
        return new KernelDescription(m);
    }

    /** The value of field {@code name}. */
    public int get(String name) {
        Integer v = fields.get(name);
        if (v == null) {
            throw new IllegalArgumentException("XqaDescribe has no field " + name);
        }
        return v;
    }

    /** This description with field {@code name} set to {@code value}. */
    public KernelDescription with(String name, int value) {
        get(name);
        Map<String, Integer> copy = new LinkedHashMap<>(fields);
        copy.put(name, value);
        return new KernelDescription(copy);
    }

    /** Whether flag {@code name} (0 or 1, checked by {@link KernelGeometry#check}) is set. */
    public boolean flag(String name) {
        return get(name) == 1;
    }

    /** Every field, in layout order. */
    public Map<String, Integer> fields() {
        return Collections.unmodifiableMap(fields);
    }
}
