package org.sparkxqa.spark.job.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.sparkxqa.spark.sql.columnar.BinaryViews;

/**
 * One pass of a Parquet scan alone, without the operator: every BINARY value of every columnar batch
 * the scan produces is copied once into a native buffer of the task (what packing into pinned
 * staging costs), and the bytes are summed. So a pass measures what reading the files costs the
 * columnar path, for any reader, whatever the backend. A program step, not a test. Stateless.
 */
public final class ScanPasses {
    private ScanPasses() {}

    /** Bytes of BINARY values {@code table}'s scan produced, after copying each once. */
    public static long copyBinaryValues(Dataset<Row> table) {
        SparkPlan plan = table.queryExecution().executedPlan();
        while (!plan.supportsColumnar()) {
            if (plan.children().isEmpty()) {
                throw new IllegalStateException("the plan has no columnar scan: " + plan.treeString());
            }
            plan = plan.children().head();
        }
        int[] binary = binaryColumns(plan);
        FlatMapFunction<Iterator<ColumnarBatch>, Long> copy = batches -> {
            long bytes = 0;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment staging = arena.allocate(1);
                while (batches.hasNext()) {
                    ColumnarBatch b = batches.next();
                    for (int c : binary) {
                        ColumnVector v = b.column(c);
                        for (int r = 0; r < b.numRows(); r++) {
                            MemorySegment value = BinaryViews.of(v, r);
                            if (value == null) {
                                continue;
                            }
                            if (value.byteSize() > staging.byteSize()) {
                                staging = arena.allocate(Math.max(value.byteSize(), 2 * staging.byteSize()));
                            }
                            MemorySegment.copy(value, 0, staging, 0, value.byteSize());
                            bytes += value.byteSize();
                        }
                    }
                }
            }
            return java.util.List.of(bytes).iterator();
        };
        return plan.executeColumnar().toJavaRDD().mapPartitions(copy).reduce(Long::sum);
    }

    private static int[] binaryColumns(SparkPlan plan) {
        StructField[] fields = plan.schema().fields();
        return java.util.stream.IntStream.range(0, fields.length)
                .filter(i -> fields[i].dataType() instanceof BinaryType)
                .toArray();
    }
}
