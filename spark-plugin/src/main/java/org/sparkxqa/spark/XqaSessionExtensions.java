package org.sparkxqa.spark;

import org.apache.spark.sql.SparkSessionExtensions;
import org.sparkxqa.spark.sql.expressions.XqaFunctionCatalog;
import org.sparkxqa.spark.sql.plan.ExtractXqaAttention;
import org.sparkxqa.spark.sql.plan.XqaPlacementCheck;
import org.sparkxqa.spark.sql.plan.XqaStrategy;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Spark XQA's session extensions. {@code XqaPlugin} adds them for you; on their own:
 * {@code spark.sql.extensions=org.sparkxqa.spark.XqaSessionExtensions}. Where each part runs:
 * <ul>
 *   <li>functions: {@code xqa_attention}, {@code xqa_attention_result}, {@code xqa_tree_mask},
 *       {@code xqa_to_floats}, {@code xqa_from_floats} (argument checks at analysis);</li>
 *   <li>check rule (analysis): attention calls only in SELECT lists and WHERE clauses;</li>
 *   <li>pre-CBO optimizer rule {@link ExtractXqaAttention}: calls → batched logical operators;</li>
 *   <li>planner strategy {@link XqaStrategy}: those operators → {@code XqaAttentionExec}.</li>
 * </ul>
 * Stateless; Spark instantiates it by reflection (public no-argument constructor).
 */
public final class XqaSessionExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        XqaFunctionCatalog.all().forEach(extensions::injectFunction);
        extensions.injectCheckRule(session -> new XqaPlacementCheck());
        extensions.injectPreCBORule(session -> new ExtractXqaAttention());
        extensions.injectPlannerStrategy(XqaStrategy::new);
        return BoxedUnit.UNIT;
    }
}
