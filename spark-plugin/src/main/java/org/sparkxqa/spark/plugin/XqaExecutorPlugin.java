package org.sparkxqa.spark.plugin;

import java.util.Map;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.core.BackendKind;
import org.sparkxqa.core.BackendUnavailableException;
import org.sparkxqa.spark.config.XqaConf;

/**
 * Executor side of {@code XqaPlugin}; {@link #init} blocks executor start. Reads {@code spark.xqa.*},
 * picks the GPU ({@link ExecutorGpu}), sizes the {@link GpuTaskSemaphore}, registers {@link XqaMetrics}
 * and prepares the shared backend ({@link ExecutorBackends}): {@code backend=gpu} without a usable GPU
 * fails executor start with what is missing; {@code auto} logs why it uses the CPU. A task failed by
 * a fatal CUDA error makes the executor exit so that Spark replaces it.
 */
public final class XqaExecutorPlugin implements ExecutorPlugin {
  private static final Logger LOG = LoggerFactory.getLogger(XqaExecutorPlugin.class);
  /** Exit status after a fatal CUDA error. */
  public static final int FATAL_GPU_EXIT_CODE = 20;

  @Override
  public void init(PluginContext ctx, Map<String, String> extraConf) {
    XqaConf conf = XqaDriverPlugin.validate(ctx.conf());
    boolean local = ctx.conf().get("spark.master", "").startsWith("local");
    ExecutorGpu.Choice gpu = ExecutorGpu.pick(ctx.resources(), local);
    ExecutorGpu.set(gpu);
    GpuTaskSemaphore.configure(conf.get(XqaConf.CONCURRENT_GPU_TASKS));
    XqaMetrics.registerIn(ctx.metricRegistry());
    BackendKind kind = conf.get(XqaConf.BACKEND);
    if (kind != BackendKind.CPU && gpu.device().isEmpty()) {
      if (kind == BackendKind.GPU) {
        throw new BackendUnavailableException("Spark XQA: spark.xqa.backend=gpu but executor " + ctx.executorID()
            + " has no GPU: " + gpu.reason());
      }
      LOG.info("Spark XQA: backend=auto uses the CPU backend on executor {}: {}", ctx.executorID(), gpu.reason());
      kind = BackendKind.CPU;
    }
    ExecutorBackends.configure(kind);
    if (kind != BackendKind.CPU) {
      try {
        LOG.info("Spark XQA: executor {} uses backend {} (GPU: {})", ctx.executorID(),
            ExecutorBackends.current().name(), gpu.reason());
      } catch (BackendUnavailableException e) {
        throw new BackendUnavailableException("Spark XQA: spark.xqa.backend=gpu but the GPU backend cannot start on "
            + "executor " + ctx.executorID() + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void onTaskFailed(TaskFailedReason reason) {
    if (FatalGpuErrors.isFatal(reason)) {
      LOG.error("Spark XQA: fatal CUDA error, the GPU context is unusable; exiting so that Spark replaces this "
          + "executor: {}", reason.toErrorString());
      System.exit(FATAL_GPU_EXIT_CODE);
    }
  }

  @Override
  public void shutdown() {
    ExecutorBackends.closeAll();
  }
}
