package org.sparkxqa.spark.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM the deploy tests start (spark-submit, a Master, a Worker), its stdout and stderr going to a
 * log file. {@link #close} stops it and every process it started (a Worker's executors): politely,
 * then by force. Not thread-safe.
 */
final class JavaProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final String name;

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java <jvmOptions> -cp <classpath> <mainClass> <args>} with {@code env} added to this
     * JVM's environment (a null value removes the variable).
     */
    static JavaProcess start(
            String name,
            List<String> jvmOptions,
            List<Path> classpath,
            String mainClass,
            List<String> args,
            Map<String, String> env,
            Path log) {
        List<String> command = new ArrayList<>(List.of(DeployLayout.java()));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(":", classpath.stream().map(Path::toString).toList()));
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        env.forEach((k, v) -> {
            if (v == null) {
                builder.environment().remove(k);
            } else {
                builder.environment().put(k, v);
            }
        });
        try {
            return new JavaProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits for the process to end and returns its exit code; fails the test after {@code timeout}. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not finish within " + timeout + "\n" + tail());
        }
        return process.exitValue();
    }

    /** Waits until the log has a line matching {@code regex} and returns its first group (or the match). */
    String awaitLog(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Matcher m = pattern.matcher(output());
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            if (!process.isAlive()) {
                throw new AssertionError(
                        name + " exited (" + process.exitValue() + ") before logging /" + regex + "/\n" + tail());
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " did not log /" + regex + "/ within " + timeout + "\n" + tail());
    }

    /** Everything the process printed so far. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the output, for failure messages. */
    String tail() {
        String[] lines = output().split("\n");
        return "--- last lines of " + log + " ---\n"
                + String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 40), lines.length));
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        process.waitFor(15, TimeUnit.SECONDS);
        for (ProcessHandle p : all) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                System.err.println(name + ": process " + p.pid() + " still alive after SIGKILL: " + e);
            }
        }
    }
}
