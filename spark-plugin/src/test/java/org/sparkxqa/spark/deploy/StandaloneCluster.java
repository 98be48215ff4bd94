package org.sparkxqa.spark.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone cluster on this machine, loopback only: one Master and one Worker per entry of
 * {@code gpuAddresses}, each a separate JVM offering one core, 1 GiB for executors and the given
 * {@code gpu} addresses through {@code scripts/gpu-discovery-fixed.sh}. {@link #close} stops them all
 * (and the executors the Workers started). Not thread-safe.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final String MASTER = "org.apache.spark.deploy.master.Master";
    private static final String WORKER = "org.apache.spark.deploy.worker.Worker";
    private final List<JavaProcess> processes = new ArrayList<>();
    private String masterUrl;

    /**
     * Starts the cluster and waits until every Worker has registered.
     *
     * @param gpuAddresses one entry per Worker: the addresses its discovery script reports, e.g. "0"
     */
    static StandaloneCluster start(Path dir, List<String> gpuAddresses, Duration timeout) throws Exception {
        StandaloneCluster cluster = new StandaloneCluster();
        try {
            cluster.launch(dir, gpuAddresses, timeout);
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    private void launch(Path dir, List<String> gpuAddresses, Duration timeout) throws Exception {
        List<Path> jars = DeployLayout.sparkJars();
        Path home = SparkHome.create(dir, jars);
        List<String> jvm = new ArrayList<>(DeployLayout.jvmFlags());
        jvm.add("-Xmx256m");
        JavaProcess master = started(JavaProcess.start(
                "master",
                jvm,
                jars,
                MASTER,
                List.of("--host", "127.0.0.1", "--port", "0", "--webui-port", "0"),
                Map.of("SPARK_HOME", home.toString()),
                dir.resolve("master.log")));
        masterUrl = master.awaitLog("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)", timeout);
        List<JavaProcess> workers = new ArrayList<>();
        for (int i = 0; i < gpuAddresses.size(); i++) {
            List<String> workerJvm = new ArrayList<>(jvm);
            workerJvm.add(
                    "-Dspark.worker.resource.gpu.amount=" + gpuAddresses.get(i).split(",").length);
            workerJvm.add("-Dspark.worker.resource.gpu.discoveryScript="
                    + DeployLayout.SCRIPTS.resolve("gpu-discovery-fixed.sh"));
            Path work = Files.createDirectories(dir.resolve("worker-" + i));
            workers.add(started(JavaProcess.start(
                    "worker-" + i,
                    workerJvm,
                    jars,
                    WORKER,
                    List.of(
                            "--host",
                            "127.0.0.1",
                            "--port",
                            "0",
                            "--webui-port",
                            "0",
                            "--cores",
                            "1",
                            "--memory",
                            "1g",
                            "--work-dir",
                            work.toString(),
                            masterUrl),
                    Map.of(
                            "SPARK_HOME",
                            home.toString(),
                            SparkHome.SCALA_VERSION_ENV,
                            "2.13",
                            "JAVA_HOME",
                            System.getProperty("java.home"),
                            "XQA_GPU_ADDRESSES",
                            gpuAddresses.get(i)),
                    dir.resolve("worker-" + i + ".log"))));
        }
        for (JavaProcess worker : workers) {
            worker.awaitLog("Successfully registered with master", timeout);
        }
    }

    private JavaProcess started(JavaProcess p) {
        processes.add(p);
        return p;
    }

    /** {@code spark://127.0.0.1:PORT}. */
    String masterUrl() {
        return masterUrl;
    }

    /** The logs of every process, for failure messages. */
    String logs() {
        StringBuilder all = new StringBuilder();
        processes.forEach(p -> all.append(p.tail()).append('\n'));
        return all.toString();
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}
