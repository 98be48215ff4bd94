package org.sparkxqa.bench.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.sparkxqa.bench.plan.PlanFiles;
import org.sparkxqa.core.DraftMask;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.cuda.CudaStream;
import org.sparkxqa.core.gpu.cuda.DeviceBuffer;
import org.sparkxqa.core.gpu.cuda.PinnedBuffer;
import org.sparkxqa.core.gpu.kernel.DeviceBuffers;
import org.sparkxqa.core.gpu.kernel.DeviceLimits;
import org.sparkxqa.core.gpu.kernel.LaunchPlan;
import org.sparkxqa.core.gpu.kernel.RequestShape;

/**
 * One workload's inputs, generated on the host (q, k, v ~ N(0, 1): q in the workload's q type, k and v in the K/V type,
 * stored as value / scale, a random draft tree per request) and copied once to device buffers that the benchmark then launches on repeatedly. Keeps
 * the host copies for {@link #dump}. Owns its device buffers; not thread-safe.
 */
final class DeviceInputs implements AutoCloseable {
    final LaunchPlan plan;
    final byte[] q;
    final byte[] k;
    final byte[] v;
    private final List<DeviceBuffer> owned = new ArrayList<>();
    final DeviceBuffers buffers;
    private DeviceBuffer out;

    DeviceInputs(Workload w, DeviceLimits limits, CudaStream stream, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<RequestShape> shapes = new ArrayList<>();
        for (int b = 0; b < w.batch(); b++) {
            int[] parents = new int[w.lq()];
            for (int t = 0; t < w.lq(); t++) {
                parents[t] = random.nextInt(t + 1) - 1;
            }
            shapes.add(new RequestShape(w.lq(), w.lk(), DraftMask.fromParents(parents)));
        }
        plan = LaunchPlan.ofShapes(w.spec(), shapes, limits);
        q = normals(w.qType(), 1f, plan.qBytes(), random.split());
        k = normals(w.kvType(), w.spec().kScale(), plan.kvBytes(), random.split());
        v = normals(w.kvType(), w.spec().vScale(), plan.kvBytes(), random.split());
        long q0 = upload(q, stream);
        long k0 = upload(k, stream);
        long v0 = upload(v, stream);
        long out0 = alloc(plan.qBytes(), stream);
        out = owned.getLast();
        buffers = new DeviceBuffers(
                q0,
                k0,
                v0,
                out0,
                upload(plan.maskTable(), stream),
                upload(plan.requestTable(), stream),
                upload(plan.workTable(), stream),
                upload(plan.mergeTable(), stream),
                alloc(plan.scratchOBytes(), stream),
                alloc(plan.scratchMlBytes(), stream));
        stream.synchronize();
    }

    /** N(0,1) values stored as value / scale in {@code type}, generated in parallel from independent seeded streams. */
    private static byte[] normals(ElementType type, float scale, long bytes, SplittableRandom random) {
        byte[] out = new byte[Math.toIntExact(bytes)];
        int blocks = (out.length + (1 << 20) - 1) >> 20;
        long[] seeds = random.longs(blocks).toArray();
        IntStream.range(0, blocks).parallel().forEach(blk -> {
            SplittableRandom r = new SplittableRandom(seeds[blk]);
            int end = Math.min(out.length, (blk + 1) << 20);
            for (int i = blk << 20; i + type.bytes() - 1 < end; i += type.bytes()) {
                short s = type.encode((float) (gaussian(r) / scale));
                out[i] = (byte) s;
                if (type.bytes() == 2) {
                    out[i + 1] = (byte) (s >> 8);
                }
            }
        });
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private long alloc(long bytes, CudaStream stream) {
        DeviceBuffer b = DeviceBuffer.allocate(Math.max(256, bytes), stream);
        owned.add(b);
        return b.address();
    }

    private long upload(byte[] data, CudaStream stream) {
        long address = alloc(data.length, stream);
        if (data.length > 0) {
            try (PinnedBuffer host = PinnedBuffer.allocate(data.length)) {
                host.put(0, data, 0, data.length);
                owned.getLast().copyFromHostAsync(0, host, 0, data.length, stream);
                stream.synchronize();
            }
        }
        return address;
    }

    /** Enqueues the copy of out ({@code plan.qBytes()} bytes) into {@code host} and waits for it. */
    void copyOut(PinnedBuffer host, CudaStream stream) {
        out.copyToHostAsync(0, host, 0, plan.qBytes(), stream);
        stream.synchronize();
    }

    /**
     * Writes q (raw, in the q type), k, v (raw, in the K/V type) and {@code out} under {@code dir}, with the plan's
     * tables and plan.json ({@link PlanFiles}: masks.bin is the uint64 per query token).
     */
    void dump(Path dir, byte[] out) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("q.bin"), q);
        Files.write(dir.resolve("k.bin"), k);
        Files.write(dir.resolve("v.bin"), v);
        PlanFiles.write(dir, plan);
        Files.write(dir.resolve("out.bin"), out);
    }

    @Override
    public void close() {
        owned.forEach(DeviceBuffer::close);
        owned.clear();
    }
}
