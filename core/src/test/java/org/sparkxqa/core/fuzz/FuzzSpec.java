package org.sparkxqa.core.fuzz;

import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;

/**
 * The spec half of a generated case: types, heads, head dim, scale, window and K/V scales, kept as the
 * generator drew them so a shrunk failure prints as one readable line.
 *
 * @param qType q/out type
 * @param kvType k/v type (fp8 included)
 * @param kvHeads {@code Hkv}
 * @param group {@code G = Hq / Hkv}
 * @param headDim {@code D}
 * @param scale softmax scale, or 0 for the default {@code 1/sqrt(D)}
 * @param window sliding window, 0 for none
 * @param kScale k dequantisation scale
 * @param vScale v dequantisation scale
 */
public record FuzzSpec(
        ElementType qType,
        ElementType kvType,
        int kvHeads,
        int group,
        int headDim,
        float scale,
        int window,
        float kScale,
        float vScale) {

    /** The validated spec. */
    public AttentionSpec spec() {
        float s = scale == 0f ? AttentionSpec.defaultScale(headDim) : scale;
        return new AttentionSpec(qType, kvType, kvHeads * group, kvHeads, headDim, s, window, kScale, vScale);
    }

    /** {@code Hq}. */
    public int qHeads() {
        return kvHeads * group;
    }

    @Override
    public String toString() {
        return qType.sqlName() + "/" + kvType.sqlName() + " Hq=" + qHeads() + " Hkv=" + kvHeads + " D=" + headDim
                + (scale != 0f ? " scale=" + scale : "") + (window > 0 ? " W=" + window : "")
                + (kScale != 1f || vScale != 1f ? " k_scale=" + kScale + " v_scale=" + vScale : "");
    }
}
