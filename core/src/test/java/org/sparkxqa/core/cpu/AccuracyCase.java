package org.sparkxqa.core.cpu;

import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;

/** One point of the CPU accuracy matrix: a spec and the lengths of its requests. */
record AccuracyCase(AttentionSpec spec, int lq, int lk) {
    static final ElementType FP16 = ElementType.FP16;
    static final ElementType BF16 = ElementType.BF16;

    static AccuracyCase of(ElementType type, int qHeads, int kvHeads, int dim, int lq, int lk) {
        return new AccuracyCase(AttentionSpec.of(type, qHeads, kvHeads, dim), lq, lk);
    }

    AccuracyCase kv(ElementType kvType) {
        return new AccuracyCase(spec.withKvType(kvType), lq, lk);
    }

    AccuracyCase window(int window) {
        return new AccuracyCase(spec.withWindow(window), lq, lk);
    }

    AccuracyCase kvScales(float kScale, float vScale) {
        return new AccuracyCase(spec.withKvScales(kScale, vScale), lq, lk);
    }

    AccuracyCase scale(float scale) {
        return new AccuracyCase(spec.withScale(scale), lq, lk);
    }

    /** Largest allowed relative L2 error: set by the rounding of the output type. */
    double tolerance() {
        return spec.qType() == BF16 ? 1e-2 : 2e-3;
    }

    long seed() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return spec.qType().sqlName() + "/" + spec.kvType().sqlName() + " Hq=" + spec.qHeads() + " Hkv="
                + spec.kvHeads()
                + " D=" + spec.headDim() + " Lq=" + lq + " Lk=" + lk
                + (spec.window() > 0 ? " W=" + spec.window() : "")
                + (spec.scale() != AttentionSpec.defaultScale(spec.headDim()) ? " scale=" + spec.scale() : "")
                + (spec.kScale() != 1f || spec.vScale() != 1f
                        ? " k_scale=" + spec.kScale() + " v_scale=" + spec.vScale()
                        : "");
    }
}
