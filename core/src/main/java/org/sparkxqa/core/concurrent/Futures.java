package org.sparkxqa.core.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Joining the per-key futures of the JIT and module caches. Stateless. */
public final class Futures {
    private Futures() {}

    /** The future's value; a failure is rethrown as its original unchecked exception or error, not wrapped. */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
