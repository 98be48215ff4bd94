package org.sparkxqa.core.gpu.kernel;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The host tables of the launch ABI as {@code java.lang.foreign} layouts, field by field and named as
 * the structs in {@code xqa_abi.cuh} (little-endian). {@link LaunchTables} writes them in this field
 * order; tests compile these offsets and sizes against the CUDA header with NVRTC. Constants only.
 */
public final class AbiLayouts {
    private static final ValueLayout.OfInt I32 = JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** {@code XqaRequest}: one request of the batch. */
    public static final StructLayout REQUEST = MemoryLayout.structLayout(
                    I64.withName("kv_off"),
                    I64.withName("scratch_off"),
                    I32.withName("q_off"),
                    I32.withName("lq"),
                    I32.withName("lk"),
                    I32.withName("num_splits"))
            .withName("XqaRequest");

    /** {@code XqaWork}: one attention CTA (grid.x). */
    public static final StructLayout WORK = MemoryLayout.structLayout(
                    I32.withName("request"),
                    I32.withName("row_base"),
                    I32.withName("split"),
                    I32.withName("split_tokens"))
            .withName("XqaWork");

    /** {@code XqaMergeItem}: one merge CTA (grid.x). */
    public static final StructLayout MERGE_ITEM = MemoryLayout.structLayout(
                    I32.withName("request"), I32.withName("row_base"))
            .withName("XqaMergeItem");

    private AbiLayouts() {}

    /** Every struct of the launch tables and of {@code xqa_describe}, for layout checks against the sources. */
    public static StructLayout[] all() {
        return new StructLayout[] {REQUEST, WORK, MERGE_ITEM, KernelDescription.LAYOUT};
    }

    /** Field names of {@code layout}, in order (a struct of named value fields, no padding). */
    public static String[] fieldNames(StructLayout layout) {
        return layout.memberLayouts().stream().map(m -> m.name().orElseThrow()).toArray(String[]::new);
    }
}
