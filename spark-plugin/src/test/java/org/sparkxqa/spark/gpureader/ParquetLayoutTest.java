package org.sparkxqa.spark.gpureader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPU reader's checks of a request table's schema and files, made on the driver before any task. */
class ParquetLayoutTest {
    private static final StructType REQUESTS = new StructType()
            .add("id", DataTypes.LongType)
            .add("q", DataTypes.BinaryType)
            .add("k", DataTypes.BinaryType)
            .add("v", DataTypes.BinaryType)
            .add("tree", DataTypes.createArrayType(DataTypes.IntegerType))
            .add("note", DataTypes.StringType);

    @Test
    void aRequestTableIsReadWithBinaryAndListColumnsMarked() {
        ParquetLayout l = ParquetLayout.of(REQUESTS, "tree");
        assertEquals(List.of("id", "q", "k", "v", "tree", "note"), l.names());
        assertEquals(List.of(false, true, true, true, false, false), l.binary());
        assertEquals(List.of(false, false, false, false, true, false), l.intLists());
        assertEquals(4, l.index("tree"));
    }

    @Test
    void unsupportedOrMissingColumnsAreNamed() {
        StructType map = REQUESTS.add("meta", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
        assertMessage("column 'meta' of type map<string,string>", () -> ParquetLayout.of(map, "tree"));
        StructType noV = new StructType().add("q", DataTypes.BinaryType).add("k", DataTypes.BinaryType);
        assertMessage("needs a BINARY column 'v'", () -> ParquetLayout.of(noV, "tree"));
        assertMessage(
                "already has a column 'out'",
                () -> ParquetLayout.of(REQUESTS.add("out", DataTypes.BinaryType), "tree"));
        StructType packedTree = new StructType()
                .add("q", DataTypes.BinaryType)
                .add("k", DataTypes.BinaryType)
                .add("v", DataTypes.BinaryType)
                .add("tree", DataTypes.BinaryType);
        assertMessage("tree 'tree' as array<int>", () -> ParquetLayout.of(packedTree, "tree"));
    }

    @Test
    void onlyVisibleParquetFilesAreInputs(@TempDir Path dir) throws Exception {
        for (String f : List.of("part-1.parquet", "part-0.parquet", "_SUCCESS", ".part-0.parquet.crc", "notes.txt")) {
            Files.writeString(dir.resolve(f), "x");
        }
        List<String> files = GpuReaderRun.parquetFiles(new Configuration(), dir.toString());
        assertEquals(2, files.size());
        assertTrue(
                files.get(0).endsWith("part-0.parquet") && files.get(1).endsWith("part-1.parquet"), files.toString());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertMessage("no .parquet files in", () -> GpuReaderRun.parquetFiles(new Configuration(), empty.toString()));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
