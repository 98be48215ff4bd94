package org.sparkxqa.spark.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;

/**
 * The specs the SQL fuzz tests use (with their SQL arguments) and generated tables of valid and
 * corrupted rows.
 *
 * @param spec the spec
 * @param args the SQL argument list of {@code xqa_attention_result} for it
 */
record FuzzTables(AttentionSpec spec, String args) {
    /** bf16, Hq=4, Hkv=2, D=64. */
    static final FuzzTables BF16 =
            new FuzzTables(AttentionSpec.of(ElementType.BF16, 4, 2, 64), "(q, k, v, tree, 'bf16', 4, 2, 64)");
    /** fp16 q/out with e4m3 K/V and K/V scales, Hq=2, Hkv=1, D=64. */
    static final FuzzTables FP8 = new FuzzTables(
            new AttentionSpec(
                    ElementType.FP16, ElementType.E4M3, 2, 1, 64, AttentionSpec.defaultScale(64), 0, 0.05f, 0.0625f),
            "(q, k, v, tree, 'fp16', 2, 1, 64, map('kv_type', 'e4m3', 'k_scale', '0.05', 'v_scale', '0.0625'))");

    /**
     * {@code n} rows with ids {@code firstId..}: each corrupted with probability {@code corruptRate} by a
     * uniformly drawn {@link Corruption}, some ids NULL.
     */
    List<FuzzRow> rows(int n, long firstId, double corruptRate, Random r) {
        List<FuzzRow> out = new ArrayList<>(n);
        Corruption[] kinds = Corruption.values();
        for (int i = 0; i < n; i++) {
            Long id = r.nextInt(50) == 0 ? null : firstId + i;
            FuzzRow row = FuzzRow.valid(spec, id, r);
            out.add(r.nextDouble() < corruptRate ? kinds[r.nextInt(kinds.length)].apply(row, spec, r) : row);
        }
        return out;
    }
}
