package org.sparkxqa.spark.sql;

import org.sparkxqa.core.AttentionSpec;

/** The one-line description of a spec shown in EXPLAIN, e.g. {@code bf16 Hq=32 Hkv=8 D=128}. */
public final class SpecText {
    private SpecText() {}

    public static String of(AttentionSpec s) {
        StringBuilder b = new StringBuilder(s.qType().sqlName());
        if (s.kvType() != s.qType()) {
            b.append(" kv=").append(s.kvType().sqlName());
        }
        b.append(" Hq=")
                .append(s.qHeads())
                .append(" Hkv=")
                .append(s.kvHeads())
                .append(" D=")
                .append(s.headDim());
        if (s.scale() != AttentionSpec.defaultScale(s.headDim())) {
            b.append(" scale=").append(s.scale());
        }
        if (s.window() > 0) {
            b.append(" window=").append(s.window());
        }
        return b.toString();
    }
}
