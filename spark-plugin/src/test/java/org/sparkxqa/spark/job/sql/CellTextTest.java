package org.sparkxqa.spark.job.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.sparkxqa.spark.sql.Scala;

class CellTextTest {

    @Test
    void binaryIsAbbreviatedWithItsLength() {
        assertEquals("0x3c00 (2 bytes)", CellText.of(new byte[] {0x3c, 0x00}));
        byte[] big = new byte[512];
        big[0] = (byte) 0xab;
        assertEquals("0xab00000000000000… (512 bytes)", CellText.of(big));
    }

    @Test
    void nullsArraysMapsAndStructs() {
        assertEquals("NULL", CellText.of(null));
        assertEquals("[1, 2, 3]", CellText.of(Scala.seq(1, 2, 3)));
        assertEquals("[1, 2, 3, 4, 5, 6, … (8 items)]", CellText.of(Scala.seq(1, 2, 3, 4, 5, 6, 7, 8)));
        assertEquals("{a -> 1}", CellText.of(Scala.immutableMap(java.util.Map.of("a", 1))));
        StructType schema = new StructType().add("out", DataTypes.BinaryType).add("xqa_error", DataTypes.StringType);
        Row row = new GenericRowWithSchema(new Object[] {null, "q is NULL"}, schema);
        assertEquals("{out: NULL, xqa_error: q is NULL}", CellText.of(row));
        assertEquals("x".repeat(60) + "…", CellText.of("x".repeat(61)));
        assertEquals(List.of("1.5"), List.of(CellText.of(1.5f)));
    }

    @Test
    void truncateZeroShowsEveryValueWhole() {
        byte[] big = new byte[12];
        big[11] = 0x7f;
        assertEquals("0x00000000000000000000007f (12 bytes)", CellText.of(big, 0));
        assertEquals("[1, 2, 3, 4, 5, 6, 7, 8]", CellText.of(Scala.seq(1, 2, 3, 4, 5, 6, 7, 8), 0));
        assertEquals("x".repeat(500), CellText.of("x".repeat(500), 0));
        assertEquals("xxx…", CellText.of("x".repeat(5), 3));
    }
}
