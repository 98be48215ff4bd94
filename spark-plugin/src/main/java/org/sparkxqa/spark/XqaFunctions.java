package org.sparkxqa.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Spark XQA's functions for the DataFrame API, mirroring {@link functions}: each builds a call of
 * the SQL function of the same meaning, so the session must have the extensions (through
 * {@code XqaPlugin} or {@code spark.sql.extensions}). Arguments are checked when the query is
 * analysed, exactly as in SQL. A NULL tree ({@code functions.lit(null)}) means a chain. Stateless.
 */
public final class XqaFunctions {
    private XqaFunctions() {}

    /** {@code xqa_attention(q, k, v, tree, dtype, Hq, Hkv, D)}: attention output, BINARY. */
    public static Column xqaAttention(Column q, Column k, Column v, Column tree, String dtype, int hq, int hkv, int d) {
        return xqaAttention(q, k, v, tree, dtype, hq, hkv, d, Map.of());
    }

    /** As above with options {@code scale}, {@code window}, {@code kv_type}, {@code k_scale}, {@code v_scale}. */
    public static Column xqaAttention(
            Column q,
            Column k,
            Column v,
            Column tree,
            String dtype,
            int hq,
            int hkv,
            int d,
            Map<String, String> options) {
        return functions.call_function("xqa_attention", attentionArgs(q, k, v, tree, dtype, hq, hkv, d, options));
    }

    /** {@code xqa_attention_result(...)}: {@code STRUCT<out BINARY, xqa_error STRING>}. */
    public static Column xqaAttentionResult(
            Column q,
            Column k,
            Column v,
            Column tree,
            String dtype,
            int hq,
            int hkv,
            int d,
            Map<String, String> options) {
        return functions.call_function(
                "xqa_attention_result", attentionArgs(q, k, v, tree, dtype, hq, hkv, d, options));
    }

    /** {@code xqa_tree_mask(tree)}: the packed mask of a parent list. */
    public static Column treeMask(Column tree) {
        return functions.call_function("xqa_tree_mask", tree);
    }

    /** {@code xqa_to_floats(bin, dtype)}: fp16/bf16 bytes to ARRAY&lt;FLOAT&gt;. */
    public static Column toFloats(Column bin, String dtype) {
        return functions.call_function("xqa_to_floats", bin, functions.lit(dtype));
    }

    /** {@code xqa_from_floats(arr, dtype)}: ARRAY&lt;FLOAT&gt; to fp16/bf16 bytes. */
    public static Column fromFloats(Column floats, String dtype) {
        return functions.call_function("xqa_from_floats", floats, functions.lit(dtype));
    }

    private static Column[] attentionArgs(
            Column q,
            Column k,
            Column v,
            Column tree,
            String dtype,
            int hq,
            int hkv,
            int d,
            Map<String, String> options) {
        List<Column> args = new ArrayList<>(
                List.of(q, k, v, tree, functions.lit(dtype), functions.lit(hq), functions.lit(hkv), functions.lit(d)));
        if (!options.isEmpty()) {
            List<Column> kv = new ArrayList<>();
            new TreeMap<>(options).forEach((key, value) -> {
                kv.add(functions.lit(key));
                kv.add(functions.lit(value));
            });
            args.add(functions.map(kv.toArray(Column[]::new)));
        }
        return args.toArray(Column[]::new);
    }
}
