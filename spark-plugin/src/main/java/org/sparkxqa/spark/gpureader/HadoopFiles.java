package org.sparkxqa.spark.gpureader;

import ai.rapids.cudf.HostMemoryBuffer;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Whole files from a Hadoop file system (local, HDFS, object stores) into cuDF host buffers: what the
 * GPU reader hands to cuDF's Parquet reader. Copies go through one 8 MiB array per file. Stateless.
 */
final class HadoopFiles {
    private static final int CHUNK = 8 << 20;

    private HadoopFiles() {}

    /** The whole file in a new host buffer that the caller closes. */
    static HostMemoryBuffer read(Configuration conf, String file) throws IOException {
        Path path = new Path(file);
        FileSystem fs = path.getFileSystem(conf);
        long length = fs.getFileStatus(path).getLen();
        HostMemoryBuffer buffer = HostMemoryBuffer.allocate(Math.max(1, length));
        try (FSDataInputStream in = fs.open(path)) {
            copy(in, buffer, length);
            return buffer;
        } catch (IOException | RuntimeException e) {
            buffer.close();
            throw e;
        }
    }

    private static void copy(InputStream in, HostMemoryBuffer dst, long length) throws IOException {
        byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(1, length))];
        for (long at = 0; at < length; ) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, length - at));
            if (n < 0) {
                throw new IOException("file ended at byte " + at + " of " + length);
            }
            dst.setBytes(at, chunk, 0, n);
            at += n;
        }
    }
}
