package org.sparkxqa.core.gpu;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.sparkxqa.core.gpu.cuda.CudaContext;

/**
 * The backend's {@link StreamSlot}s: an idle one is handed out exclusively, or a new one is made, so
 * there is one stream per concurrent caller and no lock around a call. Slots are kept after use with
 * their buffers (the most recently used first, whose buffers are the warmest). Thread-safe;
 * {@link #close} frees idle slots at once and busy ones when they come back.
 */
final class SlotPool implements AutoCloseable {
    private final CudaContext context;
    private final SlotMemory memory;
    private final ConcurrentLinkedDeque<StreamSlot> idle = new ConcurrentLinkedDeque<>();
    private final Set<StreamSlot> all = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    SlotPool(CudaContext context, SlotMemory memory) {
        this.context = context;
        this.memory = memory;
    }

    /** An idle slot, or a new one; the caller owns it until {@link #release}. */
    StreamSlot acquire() {
        StreamSlot s = idle.pollFirst();
        if (s == null) {
            s = new StreamSlot(context, memory);
            all.add(s);
        }
        return s;
    }

    /**
     * Takes a slot back. After a failed call ({@code clean} false) its stream is drained first; a slot
     * whose stream reports an error is freed instead of reused.
     */
    void release(StreamSlot s, boolean clean) {
        boolean reusable = clean;
        if (!clean) {
            try {
                s.stream().synchronize();
                reusable = true;
            } catch (RuntimeException e) {
                reusable = false;
            }
        }
        if (reusable && !closed) {
            idle.addFirst(s);
            if (!closed || !idle.remove(s)) {
                return;
            }
        }
        all.remove(s);
        try {
            s.close();
        } catch (RuntimeException ignored) {
            // the call that broke it already reported the error
        }
    }

    /** Slots made so far and not freed (for tests and logs). */
    int size() {
        return all.size();
    }

    /** Frees every idle slot; busy ones are freed when released. */
    @Override
    public void close() {
        closed = true;
        RuntimeException first = null;
        for (StreamSlot s; (s = idle.pollFirst()) != null; ) {
            all.remove(s);
            try {
                s.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
