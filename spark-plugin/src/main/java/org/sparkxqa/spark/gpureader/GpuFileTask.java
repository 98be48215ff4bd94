package org.sparkxqa.spark.gpureader;

import ai.rapids.cudf.HostMemoryBuffer;
import java.io.IOException;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.DeviceAdmission;
import org.sparkxqa.core.gpu.GpuBackend;
import org.sparkxqa.spark.executor.GpuPermits;

/**
 * One input file on the executor's GPU: its bytes are read on the host, then decoded, evaluated and
 * encoded on the device chunk by chunk ({@link FileChunks}) into host buffers ({@link EncodedFile}),
 * which are written to the output file. K/V cross PCIe once, as file bytes. A chunk that runs out of
 * device memory makes the file start again with half the chunk limit ({@link ChunkRetry}). An invalid
 * row fails the task under {@code onInvalidRow=fail}, naming the file and the row; under {@code null}
 * it gets a NULL {@code out} and its reason in {@code xqa_error}, the row path's reason. Serializable;
 * each call owns its cuDF objects and closes them.
 */
record GpuFileTask(AttentionSpec spec, ParquetLayout layout, String treeColumn, GpuReaderSettings settings)
        implements Serializable {

    /**
     * What one file (or one chunk, or a sum of files) gave: its rows, those of them that were invalid
     * (NULL {@code out}), the kernel launches, the chunks decoded, the attempts that ran out of memory,
     * and the time of each stage.
     */
    record FileResult(long rows, long invalidRows, long launches, long chunks, long retries, FileStages stages)
            implements Serializable {
        static final FileResult NONE = new FileResult(0, 0, 0, 0, 0, FileStages.NONE);

        FileResult plus(FileResult o) {
            return new FileResult(
                    rows + o.rows,
                    invalidRows + o.invalidRows,
                    launches + o.launches,
                    chunks + o.chunks,
                    retries + o.retries,
                    stages.plus(o.stages));
        }
    }

    /**
     * Evaluates {@code inputFile} into {@code outputFile}. Only the device work holds a GPU permit;
     * reading and writing the files do not, so tasks waiting for the GPU overlap their file I/O with
     * the tasks on it. A retried attempt replaces the file an earlier attempt of the same task left.
     */
    FileResult run(GpuBackend gpu, GpuPermits permits, Configuration conf, String inputFile, String outputFile)
            throws IOException {
        long t0 = System.nanoTime();
        try (HostMemoryBuffer bytes = HadoopFiles.read(conf, inputFile)) {
            long read = System.nanoTime() - t0;
            long t1 = System.nanoTime();
            long wait;
            ChunkRetry.Outcome<Encoded> done;
            try (DeviceAdmission.Ticket permit = permits.enter()) {
                wait = System.nanoTime() - t1;
                done = ChunkRetry.run(inputFile, settings.chunkBytes(), limit -> encode(gpu, bytes, inputFile, limit));
            }
            try (EncodedFile encoded = done.value().file()) {
                long t2 = System.nanoTime();
                Path path = new Path(outputFile);
                try (FSDataOutputStream stream = path.getFileSystem(conf).create(path, true)) {
                    encoded.writeTo(stream);
                }
                FileStages io = new FileStages(read, wait, 0, 0, 0, System.nanoTime() - t2);
                FileResult r = done.value().result();
                return new FileResult(
                        r.rows(),
                        r.invalidRows(),
                        r.launches(),
                        r.chunks(),
                        done.retries(),
                        r.stages().plus(io));
            }
        }
    }

    /** A file's encoded bytes and what evaluating it gave. */
    private record Encoded(EncodedFile file, FileResult result) {}

    private Encoded encode(GpuBackend gpu, HostMemoryBuffer bytes, String inputFile, long chunkBytes) {
        EncodedFile encoded = new EncodedFile();
        try {
            return new Encoded(encoded, FileChunks.evaluate(this, gpu, bytes, inputFile, chunkBytes, encoded));
        } catch (RuntimeException | Error e) {
            encoded.close();
            throw e;
        }
    }
}
