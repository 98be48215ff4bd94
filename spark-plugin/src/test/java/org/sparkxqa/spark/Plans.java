package org.sparkxqa.spark;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.sparkxqa.spark.sql.exec.XqaAttentionExec;
import org.sparkxqa.spark.sql.exec.XqaOperators;

/** Finds operators in a query's executed plan, looking inside adaptive plans and query stages. */
public final class Plans {
    private Plans() {}

    /** Every {@link XqaAttentionExec} of {@code df}'s executed plan (final plan when adaptive). */
    public static List<XqaAttentionExec> xqaOperators(Dataset<?> df) {
        return XqaOperators.in(df.queryExecution().executedPlan());
    }
}
