package org.sparkxqa.core.cpu;

import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.Request;

/**
 * Attention of one request for one KV head: the {@code G × Lq} query rows that read that head. Keys
 * are streamed in chunks with an online softmax in fp32, so memory stays bounded for any {@code Lk}. The K
 * scale enters through {@link AttentionSpec#scoreScale}, the V scale at the final normalisation.
 * Not thread-safe; one instance per task.
 */
final class HeadAttention {
    static final int CHUNK = 256;

    private final AttentionSpec spec;
    private final Request request;
    private final int kvHead;
    private final int dim;
    private final float[] kChunk;
    private final float[] vChunk;

    HeadAttention(AttentionSpec spec, Request request, int kvHead) {
        this.spec = spec;
        this.request = request;
        this.kvHead = kvHead;
        this.dim = spec.headDim();
        this.kChunk = new float[CHUNK * dim];
        this.vChunk = new float[CHUNK * dim];
    }

    /** Writes this head's rows into {@code out} ({@code [Lq, Hq, D]} floats). */
    void run(float[] q, float[] out) {
        int lq = request.lq();
        int group = spec.group();
        int rows = lq * group;
        float[] max = new float[rows];
        float[] sum = new float[rows];
        float[] acc = new float[rows * dim];
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        float[] scores = new float[CHUNK];
        for (int start = 0; start < request.lk(); start += CHUNK) {
            int n = Math.min(CHUNK, request.lk() - start);
            Kv.decodeHead(spec, request.k(), kvHead, start, n, kChunk);
            Kv.decodeHead(spec, request.v(), kvHead, start, n, vChunk);
            for (int i = 0; i < lq; i++) {
                for (int g = 0; g < group; g++) {
                    int row = i * group + g;
                    int qBase = (i * spec.qHeads() + kvHead * group + g) * dim;
                    accumulate(q, qBase, i, start, n, scores, max, sum, acc, row);
                }
            }
        }
        for (int i = 0; i < lq; i++) {
            for (int g = 0; g < group; g++) {
                int row = i * group + g;
                int oBase = (i * spec.qHeads() + kvHead * group + g) * dim;
                float inv = sum[row] > 0 ? spec.vScale() / sum[row] : 0f;
                for (int d = 0; d < dim; d++) {
                    out[oBase + d] = acc[row * dim + d] * inv;
                }
            }
        }
    }

    private void accumulate(
            float[] q,
            int qBase,
            int i,
            int start,
            int n,
            float[] scores,
            float[] max,
            float[] sum,
            float[] acc,
            int row) {
        float chunkMax = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < n; t++) {
            int j = start + t;
            if (!Visibility.sees(spec, request, i, j)) {
                scores[t] = Float.NEGATIVE_INFINITY;
                continue;
            }
            float dot = 0f;
            int kBase = t * dim;
            for (int d = 0; d < dim; d++) {
                dot += q[qBase + d] * kChunk[kBase + d];
            }
            scores[t] = dot * spec.scoreScale();
            chunkMax = Math.max(chunkMax, scores[t]);
        }
        if (chunkMax == Float.NEGATIVE_INFINITY) {
            return;
        }
        float newMax = Math.max(max[row], chunkMax);
        float rescale = max[row] == Float.NEGATIVE_INFINITY ? 0f : (float) Math.exp(max[row] - newMax);
        sum[row] *= rescale;
        int aBase = row * dim;
        for (int d = 0; d < dim; d++) {
            acc[aBase + d] *= rescale;
        }
        for (int t = 0; t < n; t++) {
            if (scores[t] == Float.NEGATIVE_INFINITY) {
                continue;
            }
            float p = (float) Math.exp(scores[t] - newMax);
            sum[row] += p;
            int vBase = t * dim;
            for (int d = 0; d < dim; d++) {
                acc[aBase + d] += p * vChunk[vBase + d];
            }
        }
        max[row] = newMax;
    }
}
