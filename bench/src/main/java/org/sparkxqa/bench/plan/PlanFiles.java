package org.sparkxqa.bench.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sparkxqa.core.gpu.kernel.AbiLayouts;
import org.sparkxqa.core.gpu.kernel.KernelGeometry;
import org.sparkxqa.core.gpu.kernel.KvTensorMaps;
import org.sparkxqa.core.gpu.kernel.LaunchPlan;

/**
 * Writes a {@link LaunchPlan} as files, for tools that launch the kernel without re-implementing the
 * planner (the cupy harness, {@code scripts/kernel_peers.py}): the four tables exactly as uploaded
 * ({@code requests.bin}, {@code work.bin}, {@code merge.bin}, {@code masks.bin}; structs of
 * {@link AbiLayouts}) and {@code plan.json} with the sizes, launch shapes, geometry and k/v tensor-map
 * description. Format: {@code kernels/src/test/python/PLAN_FORMAT.md}. Stateless.
 */
public final class PlanFiles {
    /** Version of the folder format; bump when a field changes meaning. */
    public static final int FORMAT = 1;

    private PlanFiles() {}

    /** Writes {@code plan}'s files under {@code dir} (created), the attention launched with {@code stages}. */
    public static void write(Path dir, LaunchPlan plan, int stages) throws IOException {
        if (stages < 2 || stages > KernelGeometry.MAX_STAGES) {
            throw new IllegalArgumentException("stages " + stages + " is outside 2.." + KernelGeometry.MAX_STAGES);
        }
        Files.createDirectories(dir);
        Files.write(dir.resolve("requests.bin"), plan.requestTable());
        Files.write(dir.resolve("work.bin"), plan.workTable());
        Files.write(dir.resolve("merge.bin"), plan.mergeTable());
        Files.write(dir.resolve("masks.bin"), plan.maskTable());
        Files.writeString(dir.resolve("plan.json"), json(plan, stages));
    }

    /** {@link #write(Path, LaunchPlan, int)} with the plan's own pipeline depth. */
    public static void write(Path dir, LaunchPlan plan) throws IOException {
        write(dir, plan, plan.stages());
    }

    static String json(LaunchPlan plan, int stages) {
        KernelGeometry g = plan.geometry();
        int kvBytes = g.kvBytes();
        long row = (long) g.headDim() * kvBytes;
        boolean bytes = kvBytes == 1;
        return String.format(
                Locale.ROOT,
                """
        {
          "format": %d, "abi_version": %d,
          "q_type": %d, "kv_type": %d, "q_heads": %d, "kv_heads": %d, "head_dim": %d, "group": %d, "window": %d,
          "requests": %d, "q_tokens": %d, "kv_tokens": %d, "scratch_rows": %d, "max_rows": %d,
          "work_items": %d, "merge_items": %d, "scale_log2": %s, "v_scale": %s,
          "stages": %d, "attention_smem_bytes": %d, "q_smem_bytes": %d,
          "attention_threads": {"warpgroup_per_m_tile": %d, "one_warpgroup": %d}, "merge_threads": %d,
          "geometry": {"cta_rows": %d, "tile_keys": %d, "q_row_unit": %d, "stage_bytes": %d, "convert_bytes": %d,
                       "barrier_bytes": %d, "merge_rows": %d, "max_stages": %d, "kv_bytes": %d},
          "kv_tensor_map": {"element_bytes": %d, "dims": [%d, %d, %d], "byte_strides": [%d, %d], "box": [%d, 1, %d],
                            "swizzle_bytes": %d}
        }
        """,
                FORMAT,
                KernelGeometry.ABI_VERSION,
                plan.variant().qType().ordinal(),
                plan.variant().kvType().ordinal(),
                plan.spec().qHeads(),
                plan.spec().kvHeads(),
                g.headDim(),
                plan.spec().group(),
                plan.spec().window(),
                plan.requests(),
                plan.qTokens(),
                plan.kvTokens(),
                plan.scratchRows(),
                plan.maxRows(),
                plan.workItems(),
                plan.mergeItems(),
                Float.toString(plan.scaleLog2()),
                Float.toString(plan.vScale()),
                stages,
                g.smemBytes(plan.maxRows(), stages),
                g.qSmemBytes(plan.maxRows()),
                plan.attentionBlock(true)[0],
                plan.attentionBlock(false)[0],
                KernelGeometry.MERGE_THREADS,
                g.ctaRows(),
                g.tileKeys(),
                g.qRowUnit(),
                g.stageBytes(),
                g.convertBytes(),
                KernelGeometry.BARRIER_BYTES,
                KernelGeometry.MERGE_ROWS,
                KernelGeometry.MAX_STAGES,
                kvBytes,
                kvBytes,
                g.headDim(),
                plan.spec().kvHeads(),
                Math.max(1, plan.kvTokens()),
                row,
                plan.spec().kvHeads() * row,
                bytes ? g.headDim() : KvTensorMaps.BOX_COLUMNS,
                g.tileKeys(),
                bytes ? 0 : 128);
    }
}
