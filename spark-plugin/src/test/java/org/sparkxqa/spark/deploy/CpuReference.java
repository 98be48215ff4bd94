package org.sparkxqa.spark.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.cpu.CpuBackend;

/** Checks a job's output table against {@link CpuBackend}, bit for bit, computed in the test JVM. */
final class CpuReference {
    private CpuReference() {}

    /** Every row of {@code output} has the canonical columns plus {@code out}, equal to the CPU backend's. */
    static void assertOutputMatches(SparkSession spark, String output, AttentionSpec spec, long expectedRows) {
        var table = spark.read().parquet(output);
        assertEquals(List.of("id", "q", "k", "v", "tree", "out"), Arrays.asList(table.columns()));
        List<Row> rows = table.orderBy("id").collectAsList();
        assertEquals(expectedRows, rows.size());
        List<Request> requests = new ArrayList<>();
        for (Row row : rows) {
            int[] parents = row.isNullAt(4)
                    ? null
                    : row.<Integer>getList(4).stream()
                            .mapToInt(Integer::intValue)
                            .toArray();
            requests.add(
                    Request.of(spec, (byte[]) row.get(1), (byte[]) row.get(2), (byte[]) row.get(3), parents, null));
        }
        List<byte[]> expected;
        try (CpuBackend cpu = new CpuBackend(2)) {
            expected = cpu.attend(spec, requests);
        }
        for (int i = 0; i < rows.size(); i++) {
            assertArrayEquals(
                    expected.get(i),
                    (byte[]) rows.get(i).get(5),
                    "out of row id=" + rows.get(i).get(0));
        }
    }
}
