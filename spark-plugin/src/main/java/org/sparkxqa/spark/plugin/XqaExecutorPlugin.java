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
import org.sparkxqa.spark.executor.ExecutorGpu;
import org.sparkxqa.spark.executor.ExecutorServices;
import org.sparkxqa.spark.executor.ExecutorServicesRegistry;

/**
 * Executor side of {@code XqaPlugin}; {@link #init} blocks executor start. Reads {@code spark.xqa.*},
 * picks the GPU ({@link ExecutorGpu}), builds the executor's {@link ExecutorServices} once (backends,
 * GPU permits, batch budget, metrics), registers its metrics and installs it for the tasks
 * ({@link ExecutorServicesRegistry}): {@code backend=gpu} without a usable GPU fails executor start
 * with what is missing; {@code auto} logs why it uses the CPU. A task failed by a fatal CUDA error
 * makes the executor exit so that Spark replaces it.
 */
public final class XqaExecutorPlugin implements ExecutorPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(XqaExecutorPlugin.class);
    /** Exit status after a fatal CUDA error. */
    public static final int FATAL_GPU_EXIT_CODE = 20;

    private volatile ExecutorServices services;

    @Override
    public void init(PluginContext ctx, Map<String, String> extraConf) {
        XqaConf conf = XqaDriverPlugin.validate(ctx.conf());
        boolean local = ctx.conf().get("spark.master", "").startsWith("local");
        ExecutorGpu.Choice gpu = ExecutorGpu.pick(ctx.resources(), local);
        BackendKind kind = conf.get(XqaConf.BACKEND);
        if (kind != BackendKind.CPU && gpu.device().isEmpty()) {
            if (kind == BackendKind.GPU) {
                throw new BackendUnavailableException("Spark XQA: spark.xqa.backend=gpu but executor "
                        + ctx.executorID() + " has no GPU: " + gpu.reason());
            }
            LOG.info("Spark XQA: backend=auto uses the CPU backend on executor {}: {}", ctx.executorID(), gpu.reason());
            kind = BackendKind.CPU;
        }
        ExecutorServices built = ExecutorServices.forExecutor(conf, XqaDriverPlugin.settings(ctx.conf()), gpu, kind);
        built.metrics().registerIn(ctx.metricRegistry());
        ExecutorServicesRegistry.install(built);
        services = built;
        if (kind != BackendKind.CPU) {
            try {
                LOG.info(
                        "Spark XQA: executor {} uses backend {} (GPU: {})",
                        ctx.executorID(),
                        built.executorBackends().current().name(),
                        gpu.reason());
            } catch (BackendUnavailableException e) {
                throw new BackendUnavailableException(
                        "Spark XQA: spark.xqa.backend=gpu but the GPU backend cannot start on " + "executor "
                                + ctx.executorID() + ": " + e.getMessage(),
                        e);
            }
        }
    }

    @Override
    public void onTaskFailed(TaskFailedReason reason) {
        if (FatalGpuErrors.isFatal(reason)) {
            LOG.error(
                    "Spark XQA: fatal CUDA error, the GPU context is unusable; exiting so that Spark replaces this "
                            + "executor: {}",
                    reason.toErrorString());
            System.exit(FATAL_GPU_EXIT_CODE);
        }
    }

    @Override
    public void shutdown() {
        if (services != null) {
            ExecutorServicesRegistry.uninstall(services);
            services = null;
        }
    }
}
