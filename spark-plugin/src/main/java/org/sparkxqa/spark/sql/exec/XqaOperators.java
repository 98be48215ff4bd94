package org.sparkxqa.spark.sql.exec;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.execution.CommandResultExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.sparkxqa.spark.sql.Scala;

/** Finds the {@link XqaAttentionExec} operators of an executed plan. Stateless. */
public final class XqaOperators {
    private XqaOperators() {}

    /**
     * Every batched operator in {@code plan}, looking inside adaptive plans (their final plan), query
     * stages and executed commands (e.g. the query under a Parquet write).
     */
    public static List<XqaAttentionExec> in(SparkPlan plan) {
        List<XqaAttentionExec> found = new ArrayList<>();
        walk(plan, found);
        return found;
    }

    private static void walk(SparkPlan p, List<XqaAttentionExec> found) {
        if (p instanceof XqaAttentionExec x) {
            found.add(x);
        }
        SparkPlan inner = p instanceof AdaptiveSparkPlanExec a
                ? a.executedPlan()
                : p instanceof QueryStageExec s
                        ? s.plan()
                        : p instanceof CommandResultExec c ? c.commandPhysicalPlan() : null;
        if (inner != null) {
            walk(inner, found);
        }
        for (SparkPlan c : Scala.list(p.children())) {
            walk(c, found);
        }
    }
}
