package org.sparkxqa.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.sparkxqa.spark.sql.Scala;
import org.sparkxqa.spark.sql.exec.XqaAttentionExec;

/** Finds operators in a query's executed plan, looking inside adaptive plans and query stages. */
public final class Plans {
  private Plans() {}

  /** Every {@link XqaAttentionExec} of {@code df}'s executed plan (final plan when adaptive). */
  public static List<XqaAttentionExec> xqaOperators(Dataset<?> df) {
    List<XqaAttentionExec> found = new ArrayList<>();
    walk(df.queryExecution().executedPlan(), found);
    return found;
  }

  private static void walk(SparkPlan p, List<XqaAttentionExec> found) {
    if (p instanceof XqaAttentionExec x) {
      found.add(x);
    }
    SparkPlan inner = p instanceof AdaptiveSparkPlanExec a ? a.executedPlan()
        : p instanceof QueryStageExec s ? s.plan() : null;
    if (inner != null) {
      walk(inner, found);
    }
    for (SparkPlan c : Scala.list(p.children())) {
      walk(c, found);
    }
  }
}
