package org.sparkxqa.core.gpu.jit;

/**
 * A CUBIN for one {@link JitKey}, with how it was obtained. Immutable: {@link #cubin()} returns a copy;
 * share freely across threads. Loading it into a GPU module is the caller's business.
 */
public final class CompiledKernel {
    /** Where the CUBIN came from the first time it was obtained in this JVM. */
    public enum Origin {
        /** NVRTC compiled it. */
        COMPILED,
        /** Read from the disk cache. */
        DISK
    }

    private final JitKey key;
    private final byte[] cubin;
    private final Origin origin;
    private final long nanos;

    CompiledKernel(JitKey key, byte[] cubin, Origin origin, long nanos) {
        this.key = key;
        this.cubin = cubin.clone();
        this.origin = origin;
        this.nanos = nanos;
    }

    public JitKey key() {
        return key;
    }

    /** The CUBIN bytes (a fresh copy, owned by the caller). */
    public byte[] cubin() {
        return cubin.clone();
    }

    /** CUBIN size in bytes. */
    public int size() {
        return cubin.length;
    }

    public Origin origin() {
        return origin;
    }

    /** Nanoseconds the compile or the disk load took. */
    public long nanos() {
        return nanos;
    }

    @Override
    public String toString() {
        return key + " (" + cubin.length + " bytes, " + origin.name().toLowerCase() + " in "
                + String.format("%.2f ms", nanos / 1e6) + ")";
    }
}
