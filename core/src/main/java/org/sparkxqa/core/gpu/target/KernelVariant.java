package org.sparkxqa.core.gpu.target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;

/**
 * One compiled specialisation of the spec-dec kernel: everything that becomes a macro of the kernel
 * source. Lengths, scale and window are launch-time values and are not part of a variant. Immutable.
 *
 * @param qType q/out element type
 * @param kvType k/v element type
 * @param headDim head dim (64, 128 or 256)
 * @param group query heads per KV head (1..32)
 */
public record KernelVariant(ElementType qType, ElementType kvType, int headDim, int group) {
    /** The q/out types a kernel takes. */
    public static final List<ElementType> Q_TYPES = List.of(ElementType.FP16, ElementType.BF16);
    /**
     * The k/v types a kernel takes: the 16-bit types and fp8 e4m3/e5m2, whose tiles the kernel converts
     * to the q type exactly before the MMAs ({@code xqa_fp8_tile.cuh}).
     */
    public static final List<ElementType> KV_TYPES =
            List.of(ElementType.FP16, ElementType.BF16, ElementType.E4M3, ElementType.E5M2);

    public KernelVariant {
        if (!AttentionSpec.HEAD_DIMS.contains(headDim) || group < 1 || group > AttentionSpec.MAX_GROUP) {
            throw new IllegalArgumentException("no kernel variant for head dim " + headDim + ", group " + group);
        }
        if (!Q_TYPES.contains(qType) || !KV_TYPES.contains(kvType)) {
            throw new IllegalArgumentException("no kernel variant for q type " + qType + ", k/v type " + kvType);
        }
    }

    /** The variant a spec needs. */
    public static KernelVariant of(AttentionSpec spec) {
        return new KernelVariant(spec.qType(), spec.kvType(), spec.headDim(), spec.group());
    }

    /** Every variant: all type pairs × head dims × groups. */
    public static List<KernelVariant> all() {
        List<KernelVariant> all = new ArrayList<>();
        for (ElementType q : Q_TYPES) {
            for (ElementType kv : KV_TYPES) {
                for (int d : new int[] {64, 128, 256}) {
                    for (int g = 1; g <= AttentionSpec.MAX_GROUP; g++) {
                        all.add(new KernelVariant(q, kv, d, g));
                    }
                }
            }
        }
        return all;
    }

    /**
     * The macros that specialise the source, as numbers only (compile options are never built from user
     * strings): {@code XQA_Q_TYPE}/{@code XQA_KV_TYPE} ({@link ElementType} ordinals: 0 fp16, 1 bf16, and
     * for k/v 2 e4m3, 3 e5m2), {@code XQA_HEAD_DIM}, {@code XQA_GROUP}.
     */
    public Map<String, Integer> macros() {
        Map<String, Integer> m = new TreeMap<>();
        m.put("XQA_Q_TYPE", qType.ordinal());
        m.put("XQA_KV_TYPE", kvType.ordinal());
        m.put("XQA_HEAD_DIM", headDim);
        m.put("XQA_GROUP", group);
        return m;
    }

    /** A readable name, usable in file names: e.g. {@code q_bf16-kv_bf16-d128-g4}. */
    public String label() {
        return "q_" + qType.sqlName() + "-kv_" + kvType.sqlName() + "-d" + headDim + "-g" + group;
    }
}
