package org.sparkxqa.spark.plugin;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.spark.exec.BatchBudget;
import org.sparkxqa.spark.exec.BatchSettings;

/**
 * Resolves {@code spark.xqa.batch.maxBytes} on this executor: the {@link BatchBudget} of this JVM's
 * heap ({@code Runtime.maxMemory()}), its task slots ({@link ExecutorCores}) and
 * {@code spark.memory.fraction}. Logs the effective value once per JVM and setting (INFO for
 * {@code auto}, WARN for an explicit value above a task's share). Thread-safe.
 */
public final class ExecutorBatchBudget {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorBatchBudget.class);
  private static final Set<Long> LOGGED = ConcurrentHashMap.newKeySet();

  private ExecutorBatchBudget() {}

  /** This executor's budget. */
  public static BatchBudget current() {
    Map<String, String> conf = ExecutorSettings.all();
    double fraction = Double.parseDouble(conf.getOrDefault("spark.memory.fraction", "0.6").trim());
    int slots = ExecutorCores.of(conf, Runtime.getRuntime().availableProcessors()).taskSlots();
    return new BatchBudget(Runtime.getRuntime().maxMemory(), slots, fraction);
  }

  /** {@code settings} with a concrete byte budget for this executor. */
  public static BatchSettings resolve(BatchSettings settings) {
    BatchBudget budget = current();
    BatchSettings resolved = budget.resolve(settings);
    if (LOGGED.add(settings.maxBytes())) {
      if (settings.autoBytes()) {
        LOG.info("Spark XQA: spark.xqa.batch.maxBytes=auto is {} MiB per task ({})", resolved.maxBytes() >> 20,
            budget);
      } else if (budget.exceedsShare(settings.maxBytes())) {
        LOG.warn("Spark XQA: spark.xqa.batch.maxBytes={} is more than a task's share of the heap ({}); with every task "
            + "slot buffering a batch the executor may run out of heap (leave it unset for auto)",
            settings.maxBytes(), budget);
      } else {
        LOG.info("Spark XQA: spark.xqa.batch.maxBytes={} ({})", settings.maxBytes(), budget);
      }
    }
    return resolved;
  }
}
