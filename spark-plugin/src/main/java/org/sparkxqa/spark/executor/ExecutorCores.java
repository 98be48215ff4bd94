package org.sparkxqa.spark.executor;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU cores Spark gives this executor JVM for tasks, and how many tasks run in it at once, read
 * from Spark's settings the way Spark itself sizes executors: with a local master, {@code local[N]}'s
 * N ({@code local}: 1, {@code local[*]}: all processors; {@code local-cluster[n,c,m]}: c); otherwise
 * {@code spark.executor.cores}, and when that is unset Spark's own default: 1 on YARN and Kubernetes,
 * all processors of the host elsewhere (standalone). The CPU backend of an executor gets
 * {@link #cores} threads; {@link #taskSlots} sizes the per-task batch budget. Immutable.
 *
 * @param cores cores for tasks, at least 1
 * @param taskCpus {@code spark.task.cpus}, at least 1
 * @param source where {@code cores} came from, for logs (e.g. {@code local[16]})
 */
public record ExecutorCores(int cores, int taskCpus, String source) {
    private static final Pattern LOCAL = Pattern.compile("local\\[\\s*(\\*|\\d+)\\s*(?:,\\s*\\d+\\s*)?]");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*\\d+\\s*,\\s*(\\d+)\\s*,.*]");

    public ExecutorCores {
        if (cores < 1 || taskCpus < 1) {
            throw new IllegalArgumentException("cores and task cpus must be >= 1, got " + cores + ", " + taskCpus);
        }
    }

    /** Tasks this executor runs at the same time: {@code cores / spark.task.cpus}, at least 1. */
    public int taskSlots() {
        return Math.max(1, cores / taskCpus);
    }

    /**
     * @param conf this JVM's Spark settings ({@code spark.master}, {@code spark.executor.cores},
     *     {@code spark.task.cpus}); empty outside Spark
     * @param processors the host's available processors
     */
    public static ExecutorCores of(Map<String, String> conf, int processors) {
        int taskCpus = Math.max(
                1, Integer.parseInt(conf.getOrDefault("spark.task.cpus", "1").trim()));
        String master = conf.getOrDefault("spark.master", "").trim();
        if (master.equals("local")) {
            return new ExecutorCores(1, taskCpus, master);
        }
        Matcher local = LOCAL.matcher(master);
        if (local.matches()) {
            int n = local.group(1).equals("*") ? processors : Integer.parseInt(local.group(1));
            return new ExecutorCores(Math.max(1, n), taskCpus, master);
        }
        Matcher cluster = LOCAL_CLUSTER.matcher(master);
        if (cluster.matches()) {
            return new ExecutorCores(Math.max(1, Integer.parseInt(cluster.group(1))), taskCpus, master);
        }
        String cores = conf.get("spark.executor.cores");
        if (cores != null) {
            return new ExecutorCores(Math.max(1, Integer.parseInt(cores.trim())), taskCpus, "spark.executor.cores");
        }
        if (master.equals("yarn") || master.startsWith("k8s://")) {
            return new ExecutorCores(1, taskCpus, "Spark's default spark.executor.cores on " + master);
        }
        return new ExecutorCores(Math.max(1, processors), taskCpus, "all " + processors + " processors of the host");
    }

    @Override
    public String toString() {
        return cores + " cores (" + source + "), spark.task.cpus=" + taskCpus + ", " + taskSlots() + " task slots";
    }
}
