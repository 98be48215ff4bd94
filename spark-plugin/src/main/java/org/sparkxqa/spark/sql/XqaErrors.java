package org.sparkxqa.spark.sql;

import org.apache.spark.QueryContext;
import org.apache.spark.sql.AnalysisException;
import scala.Option;
import scala.collection.immutable.Map$;

/** Builds the errors users see from Spark XQA's SQL surface. Stateless. */
public final class XqaErrors {
    private XqaErrors() {}

    /**
     * Throws an {@link AnalysisException} (a checked exception) from code that cannot declare it, such as
     * a Scala function or a Catalyst rule written in Java. Never returns; typed so callers can
     * {@code throw XqaErrors.failAnalysis(...)}.
     */
    public static RuntimeException failAnalysis(String message) {
        return XqaErrors.<RuntimeException>sneaky(analysis(message));
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /** An {@link AnalysisException} carrying {@code message} as is. */
    public static AnalysisException analysis(String message) {
        return new AnalysisException(
                message,
                Option.empty(),
                Option.empty(),
                Option.empty(),
                Option.empty(),
                Map$.MODULE$.empty(),
                new QueryContext[0]);
    }
}
