package org.sparkxqa.spark;

import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.SparkPlugin;
import org.sparkxqa.spark.plugin.XqaDriverPlugin;
import org.sparkxqa.spark.plugin.XqaExecutorPlugin;

/**
 * The Spark XQA plugin: {@code spark.plugins=org.sparkxqa.spark.XqaPlugin} is all a user sets.
 * The driver side validates {@code spark.xqa.*} and adds {@link XqaSessionExtensions}; the executor
 * side picks the GPU, opens the shared backend, bounds concurrent GPU tasks and registers metrics
 * (see {@link XqaDriverPlugin}, {@link XqaExecutorPlugin}). Spark instantiates it by reflection.
 */
public final class XqaPlugin implements SparkPlugin {

    @Override
    public DriverPlugin driverPlugin() {
        return new XqaDriverPlugin(XqaSessionExtensions.class.getName());
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new XqaExecutorPlugin();
    }
}
