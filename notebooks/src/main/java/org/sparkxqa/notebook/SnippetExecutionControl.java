package org.sparkxqa.notebook;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs JShell snippets in this JVM (so they share objects such as the {@code spark} session with the
 * kernel) and keeps the raw value of the last snippet, which JShell itself only reports as a string.
 * Snippet classes load through a loader whose parent is the system class loader, i.e. the kernel's
 * class path.
 * Each snippet runs on its own thread, whose context class loader is the snippets' loader, so
 * {@link #stop()} can interrupt it (a busy loop that never blocks nor checks its interrupt flag is not
 * stopped). One instance serves one JShell; not for concurrent snippets.
 */
public final class SnippetExecutionControl extends DirectExecutionControl {
    private volatile Thread running;
    private Object lastValue;

    private SnippetExecutionControl() {
        super();
    }

    /**
     * A provider for {@code JShell.builder().executionEngine(provider, null)}; {@code created} receives
     * the control it makes, so the caller can read {@link #takeLastValue()}.
     */
    public static ExecutionControlProvider provider(java.util.function.Consumer<SnippetExecutionControl> created) {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "xqa-local";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                SnippetExecutionControl control = new SnippetExecutionControl();
                created.accept(control);
                return control;
            }
        };
    }

    /** The value the last snippet produced (null for statements and declarations of no value), then forgets it. */
    public Object takeLastValue() {
        Object v = lastValue;
        lastValue = null;
        return v;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        lastValue = null;
        FutureTask<Object> task = new FutureTask<>(() -> doitMethod.invoke(null));
        Thread thread = Thread.ofPlatform().name("xqa-cell").daemon(true).unstarted(task);
        thread.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
        running = thread;
        try {
            thread.start();
            lastValue = task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (InterruptedException e) {
            thread.interrupt();
            throw new StoppedException();
        } finally {
            running = null;
        }
        return lastValue == null ? "null" : lastValue.getClass().getName();
    }

    /** Interrupts the running snippet, if any (it stops at its next blocking call or interrupt check). */
    @Override
    public void stop() {
        Thread t = running;
        if (t != null) {
            t.interrupt();
        }
    }
}
