package org.sparkxqa.spark.gpureader;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the GPU reader's time went for one file, or summed over files (nanoseconds of wall time on
 * the task's thread): reading the file into host memory, waiting for a GPU permit, cuDF's Parquet
 * decode, the attention launches (with their checks and gathers), cuDF's encode, writing the file.
 * Host wall time: device work a stage leaves queued is counted in the stage that waits for it (the
 * attention stage synchronizes before its first launch). Immutable.
 */
public record FileStages(long read, long waitForGpu, long decode, long attention, long encode, long write)
        implements Serializable {
    /** No time. */
    public static final FileStages NONE = new FileStages(0, 0, 0, 0, 0, 0);

    /** The stages of both. */
    public FileStages plus(FileStages o) {
        return new FileStages(
                read + o.read,
                waitForGpu + o.waitForGpu,
                decode + o.decode,
                attention + o.attention,
                encode + o.encode,
                write + o.write);
    }

    /** Seconds per stage, in the order they run, named for a report. */
    public Map<String, Double> seconds() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("read file", read / 1e9);
        s.put("wait for GPU permit", waitForGpu / 1e9);
        s.put("decode (cuDF)", decode / 1e9);
        s.put("attention", attention / 1e9);
        s.put("encode (cuDF)", encode / 1e9);
        s.put("write file", write / 1e9);
        return s;
    }
}
