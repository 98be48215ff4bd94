package org.sparkxqa.spark.job.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.XqaFunctions;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.job.error.UserInputException;

/**
 * Adds {@code out} (and, under the NULL policy, {@code xqa_error}) to a table of requests through the
 * SQL function {@code xqa_attention_result}, so the job runs exactly what SQL users run: the batched
 * {@code XqaAttention} operator with the session's {@code spark.xqa.*} settings. Other columns pass
 * through unchanged and in order; no row is dropped. Lazy like any Dataset transformation. Stateless and
 * thread-safe; the caller passes the invalid-row policy in (the job reads it from its session).
 */
public final class AttentionRunner {
    private AttentionRunner() {}

    /**
     * @param policy the session's {@code spark.xqa.onInvalidRow}: whether {@code xqa_error} is added
     * @param treeColumn the draft-tree column name
     * @param treeRequired whether a missing tree column is an error (else: all chains)
     * @throws UserInputException when the input lacks the request columns or already has the output ones
     */
    public static Dataset<Row> apply(
            Dataset<Row> input, AttentionSpec spec, InvalidRowPolicy policy, String treeColumn, boolean treeRequired) {
        RequestColumns columns = RequestColumns.resolve(input.schema(), treeColumn, treeRequired);
        columns.requireAbsent(
                policy == InvalidRowPolicy.NULL
                        ? List.of(RequestColumns.OUT, RequestColumns.ERROR)
                        : List.of(RequestColumns.OUT));
        Column tree = columns.hasTree() ? column(treeColumn) : lit(null);
        Column result = XqaFunctions.xqaAttentionResult(
                column(RequestColumns.Q),
                column(RequestColumns.K),
                column(RequestColumns.V),
                tree,
                spec.qType().sqlName(),
                spec.qHeads(),
                spec.kvHeads(),
                spec.headDim(),
                options(spec));
        List<Column> out = new ArrayList<>();
        for (String name : input.columns()) {
            out.add(column(name));
        }
        out.add(result.getField("out").as(RequestColumns.OUT));
        if (policy == InvalidRowPolicy.NULL) {
            out.add(result.getField("xqa_error").as(RequestColumns.ERROR));
        }
        return input.select(out.toArray(Column[]::new));
    }

    /**
     * {@code evaluated}'s {@code id} (when it has one), {@code out} and {@code xqa_error} (when present):
     * what a consumer of the results reads. On the columnar path the other columns then stay in the
     * batches' vectors: Spark's row conversion above the operator reads only these.
     */
    public static Dataset<Row> results(Dataset<Row> evaluated) {
        List<String> names = List.of(evaluated.columns());
        List<Column> keep = new ArrayList<>();
        for (String name : List.of(RequestColumns.ID, RequestColumns.OUT, RequestColumns.ERROR)) {
            if (names.contains(name)) {
                keep.add(column(name));
            }
        }
        return evaluated.select(keep.toArray(Column[]::new));
    }

    /** The function's options for what {@code spec} sets beyond the shape: K/V type, window, scale, K/V scales. */
    static Map<String, String> options(AttentionSpec spec) {
        Map<String, String> options = new LinkedHashMap<>();
        if (spec.kvType() != spec.qType()) {
            options.put("kv_type", spec.kvType().sqlName());
        }
        if (spec.window() > 0) {
            options.put("window", Integer.toString(spec.window()));
        }
        if (spec.scale() != AttentionSpec.defaultScale(spec.headDim())) {
            options.put("scale", Float.toString(spec.scale()));
        }
        if (spec.kScale() != 1f) {
            options.put("k_scale", Float.toString(spec.kScale()));
        }
        if (spec.vScale() != 1f) {
            options.put("v_scale", Float.toString(spec.vScale()));
        }
        return options;
    }

    private static Column column(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }
}
