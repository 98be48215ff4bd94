package org.sparkxqa.spark.eval;

import java.util.List;
import java.util.function.Function;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.memory.OutOfBackendMemoryException;

/**
 * Runs one batch's launch and, when the backend runs out of device or pinned memory, halves the batch
 * and launches each half again, down to single requests. A request that does not fit even alone is
 * left without an output and with its {@link OutOfBackendMemoryException}. The backends are batch
 * invariant, so every output equals that of an unsplit launch. Halves run in order, one after the
 * other, each as its own launch (its own GPU permit). Not thread-safe (one per batch).
 */
final class SplitRetry {
    private final Function<List<Request>, List<byte[]>> launch;
    private final boolean stopAtFirstTooLarge;
    private byte[][] outs;
    private OutOfBackendMemoryException[] tooLarge;
    private int retries;
    private int splits;
    private boolean stopped;

    /**
     * @param launch one backend call over some requests, outputs in order
     * @param stopAtFirstTooLarge stop launching once a single request does not fit (its task fails anyway)
     */
    SplitRetry(Function<List<Request>, List<byte[]>> launch, boolean stopAtFirstTooLarge) {
        this.launch = launch;
        this.stopAtFirstTooLarge = stopAtFirstTooLarge;
    }

    /** Runs {@code requests}; afterwards {@link #out} and {@link #tooLarge} say how each went. */
    void run(List<Request> requests) {
        outs = new byte[requests.size()][];
        tooLarge = new OutOfBackendMemoryException[requests.size()];
        run(requests, 0, false);
    }

    private void run(List<Request> part, int offset, boolean retry) {
        if (stopped) {
            return;
        }
        if (retry) {
            retries++;
        }
        List<byte[]> result;
        try {
            result = launch.apply(part);
        } catch (OutOfBackendMemoryException e) {
            if (part.size() == 1) {
                tooLarge[offset] = e;
                stopped = stopAtFirstTooLarge;
                return;
            }
            splits++;
            int half = part.size() / 2;
            run(part.subList(0, half), offset, true);
            run(part.subList(half, part.size()), offset + half, true);
            return;
        }
        for (int i = 0; i < result.size(); i++) {
            outs[offset + i] = result.get(i);
        }
    }

    /** The output of request {@code i}, or null when it did not fit (or was not run after a stop). */
    byte[] out(int i) {
        return outs[i];
    }

    /** Why request {@code i} did not fit even alone, or null. */
    OutOfBackendMemoryException tooLarge(int i) {
        return tooLarge[i];
    }

    /** Launches made again after an out-of-memory failure. */
    int retries() {
        return retries;
    }

    /** Times a batch was halved. */
    int splits() {
        return splits;
    }
}
