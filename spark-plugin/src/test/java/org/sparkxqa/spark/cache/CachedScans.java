package org.sparkxqa.spark.cache;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.columnar.CachedBatch;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.columnar.InMemoryTableScanExec;
import org.sparkxqa.spark.sql.Scala;

/** Finds the in-memory scans of a query's executed plan and the batches their cache holds. */
final class CachedScans {
    private CachedScans() {}

    /** The first {@link InMemoryTableScanExec} of {@code df}'s executed plan (inside adaptive plans and stages). */
    static InMemoryTableScanExec scan(Dataset<?> df) {
        List<InMemoryTableScanExec> found = new ArrayList<>();
        walk(df.queryExecution().executedPlan(), found);
        if (found.isEmpty()) {
            throw new AssertionError("no InMemoryTableScan in\n"
                    + df.queryExecution().executedPlan().treeString());
        }
        return found.get(0);
    }

    /** {@code p}, or the plan inside it when it is a query stage (adaptive execution wraps cached scans so). */
    static SparkPlan unwrap(SparkPlan p) {
        return p instanceof QueryStageExec s ? s.plan() : p;
    }

    /** Every batch the cache under {@code df} holds, in partition order (brought to the driver). */
    static List<CachedBatch> batches(Dataset<?> df) {
        return scan(df).relation()
                .cacheBuilder()
                .cachedColumnBuffers()
                .toJavaRDD()
                .collect();
    }

    private static void walk(SparkPlan p, List<InMemoryTableScanExec> found) {
        if (p instanceof InMemoryTableScanExec s) {
            found.add(s);
        }
        SparkPlan inner = p instanceof AdaptiveSparkPlanExec a
                ? a.executedPlan()
                : p instanceof QueryStageExec s ? s.plan() : null;
        if (inner != null) {
            walk(inner, found);
        }
        for (SparkPlan c : Scala.list(p.children())) {
            walk(c, found);
        }
    }
}
