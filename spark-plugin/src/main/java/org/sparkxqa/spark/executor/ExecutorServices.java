package org.sparkxqa.spark.executor;

import java.util.Map;
import java.util.function.Supplier;
import org.sparkxqa.core.BackendKind;
import org.sparkxqa.core.memory.InjectedFaults;
import org.sparkxqa.spark.config.XqaConf;

/**
 * Everything the execution path needs from its executor, built once per executor: the backends,
 * the GPU permits, the clock launches are timed with, the batch budget, the metrics and the GPU the
 * executor chose. The executor plugin builds it at start ({@link #forExecutor}) and
 * {@link ExecutorServicesRegistry#install installs} it; each task looks it up once at its entry point
 * and passes it down, so tests can hand in fakes ({@link #withBackends} and the other withers).
 * Immutable apart from the backends it opens; thread-safe. {@link #close} closes the backends.
 *
 * @param backends gives the backend of a query; owns what it opens
 * @param gpuPermits bounds concurrent GPU launches
 * @param clock times launches
 * @param budget resolves {@code batch.maxBytes}
 * @param metrics executor-wide counters
 * @param gpu the GPU this executor uses, or none
 */
public record ExecutorServices(
        BackendSource backends,
        GpuPermits gpuPermits,
        NanoClock clock,
        ExecutorBatchBudget budget,
        XqaMetrics metrics,
        ExecutorGpu.Choice gpu)
        implements AutoCloseable {

    /**
     * The services of an executor whose plugin read {@code conf} and chose {@code gpu}.
     *
     * @param sparkConf the executor's Spark settings
     * @param kind the backend kind tasks use (after the plugin's fallback from {@code auto})
     */
    public static ExecutorServices forExecutor(
            XqaConf conf, Map<String, String> sparkConf, ExecutorGpu.Choice gpu, BackendKind kind) {
        Map<String, String> settings = Map.copyOf(sparkConf);
        XqaMetrics metrics = new XqaMetrics();
        ExecutorCores cores = ExecutorCores.of(settings, Runtime.getRuntime().availableProcessors());
        InjectedFaults faults = conf.get(XqaConf.TEST_FAULTS);
        ExecutorBackends backends = new ExecutorBackends(
                () -> kind, () -> cores, () -> ExecutorGpuOptions.of(conf, gpu, metrics), () -> faults);
        return new ExecutorServices(
                backends,
                new GpuPermits(conf.get(XqaConf.CONCURRENT_GPU_TASKS), conf.get(XqaConf.PACK_BEFORE_GPU_PERMIT)),
                NanoClock.SYSTEM,
                new ExecutorBatchBudget(() -> settings),
                metrics,
                gpu);
    }

    /**
     * The services of a JVM without the executor plugin (the session extensions alone, or code outside
     * Spark): every setting is read from {@code SparkEnv} when it is used, as it is then.
     */
    public static ExecutorServices withoutPlugin() {
        XqaMetrics metrics = new XqaMetrics();
        Supplier<XqaConf> conf = ExecutorSettings::xqa;
        ExecutorBackends backends = new ExecutorBackends(
                () -> conf.get().get(XqaConf.BACKEND),
                ExecutorSettings::cores,
                () -> ExecutorGpuOptions.of(conf.get(), ExecutorGpu.NOT_CHOSEN, metrics),
                () -> conf.get().get(XqaConf.TEST_FAULTS));
        return new ExecutorServices(
                backends,
                new GpuPermits(XqaConf.CONCURRENT_GPU_TASKS.defaultValue()),
                NanoClock.SYSTEM,
                new ExecutorBatchBudget(ExecutorSettings::all),
                metrics,
                ExecutorGpu.NOT_CHOSEN);
    }

    /** These services with other backends (e.g. a test's fake); the old ones are not closed. */
    public ExecutorServices withBackends(BackendSource b) {
        return new ExecutorServices(b, gpuPermits, clock, budget, metrics, gpu);
    }

    /** These services with another clock. */
    public ExecutorServices withClock(NanoClock c) {
        return new ExecutorServices(backends, gpuPermits, c, budget, metrics, gpu);
    }

    /** The executor's own backends, when {@link #backends} is them. */
    public ExecutorBackends executorBackends() {
        if (backends instanceof ExecutorBackends b) {
            return b;
        }
        throw new IllegalStateException("these services use other backends: " + backends);
    }

    /** Closes the backends this object owns. */
    @Override
    public void close() {
        if (backends instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        }
    }
}
