package org.sparkxqa.spark.config;

import java.util.ArrayList;
import java.util.List;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;

/**
 * Parses {@code spark.xqa.jit.warmup}: comma-separated specs {@code dtype:Hq:Hkv:D[:kvDtype]}, e.g.
 * {@code bf16:32:8:128,fp16:16:16:64}. Empty means no warmup.
 */
public final class WarmupSpecs {
    private WarmupSpecs() {}

    public static List<AttentionSpec> parse(String text) {
        List<AttentionSpec> specs = new ArrayList<>();
        for (String item : text.split(",")) {
            String s = item.trim();
            if (s.isEmpty()) {
                continue;
            }
            String[] p = s.split(":");
            if (p.length != 4 && p.length != 5) {
                throw new IllegalArgumentException("'" + s + "' is not dtype:Hq:Hkv:D[:kvDtype]");
            }
            ElementType q = ElementType.parse(p[0]);
            AttentionSpec spec =
                    AttentionSpec.of(q, Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]));
            specs.add(p.length == 5 ? spec.withKvType(ElementType.parse(p[4])) : spec);
        }
        return List.copyOf(specs);
    }
}
