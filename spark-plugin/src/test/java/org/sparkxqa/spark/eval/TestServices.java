package org.sparkxqa.spark.eval;

import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.spark.config.InvalidRowPolicy;
import org.sparkxqa.spark.config.QueryBackend;
import org.sparkxqa.spark.executor.ExecutorServices;

/** Executor services around a test's backend (every query choice gets it), for evaluator tests. */
final class TestServices {
    private TestServices() {}

    static ExecutorServices of(AttentionBackend backend) {
        return ExecutorServices.withoutPlugin().withBackends(choice -> backend);
    }

    static BatchEvaluator evaluator(
            AttentionSpec spec, AttentionBackend backend, InvalidRowPolicy policy, BatchListener listener) {
        return new BatchEvaluator(spec, of(backend), QueryBackend.EXECUTOR, policy, listener);
    }
}
