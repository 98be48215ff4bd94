package org.sparkxqa.spark.executor;

/**
 * Where a task finds its executor's {@link ExecutorServices}: the ones the executor plugin installed,
 * or, in a JVM without the plugin, ones made on first use ({@link ExecutorServices#withoutPlugin})
 * and closed at JVM exit. Tasks call {@link #current} once, at their entry point, and pass the result
 * down. Thread-safe.
 */
public final class ExecutorServicesRegistry {
    private static ExecutorServices installed;
    private static boolean hookAdded;

    private ExecutorServicesRegistry() {}

    /** The installed services, made now when none are. */
    public static synchronized ExecutorServices current() {
        if (installed == null) {
            installed = ExecutorServices.withoutPlugin();
            if (!hookAdded) {
                Runtime.getRuntime()
                        .addShutdownHook(new Thread(ExecutorServicesRegistry::closeCurrent, "xqa-services-close"));
                hookAdded = true;
            }
        }
        return installed;
    }

    /** The installed services, or null when none are (nothing is made). */
    public static synchronized ExecutorServices installedOrNull() {
        return installed;
    }

    /**
     * Installs {@code services}. Backends the previous services had open are taken over when both are
     * the executor's own (so a backend opened before the plugin ran is not opened again), and what
     * they record then reaches the new services' metrics.
     */
    public static synchronized void install(ExecutorServices services) {
        ExecutorServices previous = installed;
        installed = services;
        if (previous != null && previous != services) {
            if (previous.backends() instanceof ExecutorBackends old
                    && services.backends() instanceof ExecutorBackends now) {
                now.adopt(old);
                previous.metrics().forwardTo(services.metrics());
            }
            previous.close();
        }
    }

    /** Closes {@code services} and uninstalls them when they are the installed ones. */
    public static synchronized void uninstall(ExecutorServices services) {
        if (installed == services) {
            installed = null;
        }
        services.close();
    }

    /** Closes and forgets the installed services; the next {@link #current} makes new ones. */
    public static synchronized void closeCurrent() {
        if (installed != null) {
            ExecutorServices s = installed;
            installed = null;
            s.close();
        }
    }
}
