package org.sparkxqa.core.gpu.cuda;

import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import ai.rapids.cudf.Cuda;
import jcuda.driver.CUstream;

/**
 * A non-blocking CUDA stream created by cuDF and usable from both sides: {@link #cudf()} for cuDF's
 * async buffer copies, {@link #cu()} for JCuda launches and events. Owns the stream; {@link #close()}
 * destroys it (after the caller has synchronised). Enqueueing from several threads is allowed by
 * CUDA, but the order of such work is then up to the callers.
 */
public final class CudaStream implements AutoCloseable {
    private final CudaContext context;
    private final Cuda.Stream stream;
    private final CUstream cu;

    private CudaStream(CudaContext context, Cuda.Stream stream) {
        this.context = context;
        this.stream = stream;
        this.cu = NativeHandles.stream(stream.getStream());
    }

    /** Creates a stream that does not synchronise with the legacy default stream. */
    public static CudaStream create(CudaContext context) {
        context.makeCurrent();
        return new CudaStream(context, new Cuda.Stream(true));
    }

    /** The cuDF view, for {@code copyFromHostBufferAsync} and friends. Owned by this object. */
    public Cuda.Stream cudf() {
        return stream;
    }

    /** The JCuda view, for launches and events. Owned by this object. */
    public CUstream cu() {
        return cu;
    }

    /** The raw {@code cudaStream_t} handle. */
    public long handle() {
        return stream.getStream();
    }

    /** Waits until all work on the stream is done; surfaces asynchronous errors. */
    public void synchronize() {
        context.makeCurrent();
        CudaStatus.check(cuStreamSynchronize(cu), "cuStreamSynchronize");
    }

    /** Destroys the stream. Idempotent. */
    @Override
    public void close() {
        stream.close();
    }
}
