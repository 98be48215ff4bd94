package org.sparkxqa.notebook;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Entry point Jupyter starts ({@code kernel.json}: {@code java <flags> -cp <class path>
 * org.sparkxqa.notebook.KernelMain {connection_file}}). Connects, then starts JShell and Spark in the
 * background so the kernel answers Jupyter at once; the first cell waits for them.
 */
public final class KernelMain {
    private KernelMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: KernelMain CONNECTION_FILE (Jupyter passes {connection_file})");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        JupyterConnection connection = new JupyterConnection(props);
        XqaKernel kernel = XqaKernel.builder().build();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        Thread.ofPlatform().name("xqa-warmup").daemon(true).start(kernel::warmUp);
        connection.waitUntilClose();
        System.exit(0);
    }
}
