package org.sparkxqa.spark.job.report;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.sparkxqa.spark.sql.exec.XqaAttentionExec;
import org.sparkxqa.spark.sql.exec.XqaOperators;

/**
 * Runs one action (e.g. a Parquet write) on a session and returns the batched operators of the plan
 * that action executed, whose metrics are then final. Spark reports executed plans to
 * {@link QueryExecutionListener}s on its listener thread, shortly after the action returns; this
 * waits for that report (as Spark's own {@code Observation} does). The session should be private
 * to the caller (a job's {@code newSession()}), so that its only query is the action. Stateless; each call
 * registers and removes its own listener, so calls on different sessions may run at once.
 */
public final class ExecutedOperators {
    private static final long WAIT_SECONDS = 120;

    private ExecutedOperators() {}

    /** Runs {@code action}; its failure propagates as is. */
    public static List<XqaAttentionExec> of(SparkSession session, Runnable action) {
        CompletableFuture<List<XqaAttentionExec>> found = new CompletableFuture<>();
        QueryExecutionListener listener = new QueryExecutionListener() {
            @Override
            public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
                List<XqaAttentionExec> operators = XqaOperators.in(qe.executedPlan());
                if (!operators.isEmpty()) {
                    found.complete(operators);
                }
            }

            @Override
            public void onFailure(String funcName, QueryExecution qe, Exception exception) {}
        };
        session.listenerManager().register(listener);
        try {
            action.run();
            return found.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Spark's report of the executed plan", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Spark did not report the executed plan within " + WAIT_SECONDS + " s", e);
        } finally {
            session.listenerManager().unregister(listener);
        }
    }
}
