package org.sparkxqa.spark.executor;

import java.io.Serializable;
import org.apache.spark.SparkEnv;

/**
 * Which executor computed rows, with which backend and which GPU: the batched operator reports one
 * per task, so that a job can show, e.g., that its two executors used GPU addresses 0 and 1.
 * Immutable.
 *
 * @param executorId Spark's executor id ({@code driver} in local mode)
 * @param backend the backend's name, e.g. {@code cpu (2 threads)}
 * @param gpu the GPU address the executor plugin chose ({@link ExecutorGpu}), or null when it has none
 */
public record ExecutorUse(String executorId, String backend, String gpu) implements Serializable {

    /** This executor's use of {@code backend}, on the GPU it chose. */
    public static ExecutorUse of(String backend, ExecutorGpu.Choice gpu) {
        SparkEnv env = SparkEnv.get();
        return new ExecutorUse(
                env == null ? "driver" : env.executorId(),
                backend,
                gpu.device().isPresent() ? String.valueOf(gpu.device().getAsInt()) : null);
    }
}
