package org.sparkxqa.spark.executor;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.spark.batch.BatchBudget;
import org.sparkxqa.spark.batch.BatchSettings;
import org.sparkxqa.spark.batch.ResolvedBatchSettings;
import org.sparkxqa.spark.config.MaxBytes;

/**
 * Resolves {@code spark.xqa.batch.maxBytes} on an executor: the {@link BatchBudget} of this JVM's
 * heap ({@code Runtime.maxMemory()}), its task slots ({@link ExecutorCores}) and
 * {@code spark.memory.fraction}, read from the executor's Spark settings. Logs the effective value
 * once per setting (INFO for {@code auto}, WARN for an explicit value above a task's share). One per
 * executor, in its {@link ExecutorServices}. Thread-safe.
 */
public final class ExecutorBatchBudget {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorBatchBudget.class);
    private final Supplier<Map<String, String>> settings;
    private final Set<MaxBytes> logged = ConcurrentHashMap.newKeySet();

    /** @param settings the executor's Spark settings, read at each {@link #resolve} */
    public ExecutorBatchBudget(Supplier<Map<String, String>> settings) {
        this.settings = settings;
    }

    /** This executor's budget. */
    public BatchBudget current() {
        Map<String, String> conf = settings.get();
        double fraction = Double.parseDouble(
                conf.getOrDefault("spark.memory.fraction", "0.6").trim());
        int slots = ExecutorCores.of(conf, Runtime.getRuntime().availableProcessors())
                .taskSlots();
        return new BatchBudget(Runtime.getRuntime().maxMemory(), slots, fraction);
    }

    /** {@code planned} with a concrete byte budget for this executor. */
    public ResolvedBatchSettings resolve(BatchSettings planned) {
        BatchBudget budget = current();
        ResolvedBatchSettings resolved = budget.resolve(planned);
        if (logged.add(planned.maxBytes())) {
            switch (planned.maxBytes()) {
                case MaxBytes.Auto a ->
                    LOG.info(
                            "Spark XQA: spark.xqa.batch.maxBytes=auto is {} MiB per task ({})",
                            resolved.maxBytes() >> 20,
                            budget);
                case MaxBytes.Fixed f -> {
                    if (budget.exceedsShare(f.bytes())) {
                        LOG.warn(
                                "Spark XQA: spark.xqa.batch.maxBytes={} is more than a task's share of the heap ({}); "
                                        + "with every task slot buffering a batch the executor may run out of heap "
                                        + "(leave it unset for auto)",
                                f.bytes(),
                                budget);
                    } else {
                        LOG.info("Spark XQA: spark.xqa.batch.maxBytes={} ({})", f.bytes(), budget);
                    }
                }
            }
        }
        return resolved;
    }
}
