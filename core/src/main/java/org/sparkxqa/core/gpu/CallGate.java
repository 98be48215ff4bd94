package org.sparkxqa.core.gpu;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the calls inside a backend so that closing it waits for them: a context destroyed while
 * another thread is inside the driver crashes the process (a fatal signal in the driver library, seen
 * when an executor exits on an {@code OutOfMemoryError} while other tasks are still launching).
 * {@link #enter} admits a call until {@link #closeAndDrain} starts; {@link #closeAndDrain} refuses
 * new calls and waits, up to a limit, for the ones inside to leave. Thread-safe.
 */
final class CallGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition empty = lock.newCondition();
    private final String name;
    private int inside;
    private boolean closed;

    CallGate(String name) {
        this.name = name;
    }

    /** A call admitted into the gate; closing it lets the call out. */
    interface Pass extends AutoCloseable {
        @Override
        void close();
    }

    /** @throws IllegalStateException once {@link #closeAndDrain} has started */
    Pass enter() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(name + " is closed");
            }
            inside++;
        } finally {
            lock.unlock();
        }
        return this::leave;
    }

    private void leave() {
        lock.lock();
        try {
            if (--inside == 0) {
                empty.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses new calls and waits up to {@code limit} for the calls inside to leave.
     *
     * @return the number of calls still inside when the wait ended (0: drained)
     */
    int closeAndDrain(Duration limit) {
        lock.lock();
        try {
            closed = true;
            long nanos = limit.toNanos();
            while (inside > 0 && nanos > 0) {
                nanos = empty.awaitNanos(nanos);
            }
            return inside;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return inside;
        } finally {
            lock.unlock();
        }
    }

    boolean closed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
