package org.sparkxqa.spark.sql.plan;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.SparkStrategy;
import org.sparkxqa.spark.batch.BatchSettings;
import org.sparkxqa.spark.config.XqaConf;
import org.sparkxqa.spark.sql.Scala;
import org.sparkxqa.spark.sql.exec.XqaAttentionExec;
import scala.collection.immutable.Seq;

/**
 * Plans {@link XqaAttentionEval} as {@link XqaAttentionExec}, with the batch settings the session has
 * now ({@code spark.xqa.batch.maxRows}, {@code batch.maxBytes}, {@code onInvalidRow},
 * {@code columnar.enabled}; a bad value
 * fails planning, naming the key). Stateless apart from the session.
 */
public final class XqaStrategy extends SparkStrategy {
    private final SparkSession session;

    public XqaStrategy(SparkSession session) {
        this.session = session;
    }

    @Override
    public Seq<SparkPlan> apply(LogicalPlan plan) {
        if (plan instanceof XqaAttentionEval e) {
            Map<String, String> conf = Scala.map(session.conf().getAll());
            BatchSettings settings = BatchSettings.from(conf);
            boolean columnar = XqaConf.from(conf).get(XqaConf.COLUMNAR);
            return Scala.seq(
                    new XqaAttentionExec(e.call(), e.result(), e.rowId(), planLater(e.child()), settings, columnar));
        }
        return Scala.seq();
    }
}
