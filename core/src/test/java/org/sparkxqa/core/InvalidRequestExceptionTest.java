package org.sparkxqa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** A row-indexed failure of a chunk is named by its row in the whole table (a GPU reader file). */
class InvalidRequestExceptionTest {
    @Test
    void aChunksRowIsNamedByItsRowInTheFile() {
        InvalidRequestException e = InvalidRequestException.atRow(6, "k has 10 bytes\nsecond line");
        assertEquals("row 6: k has 10 bytes\nsecond line", e.getMessage());
        assertEquals("row 1030: k has 10 bytes\nsecond line", e.rowsFrom(1024).getMessage());
        assertEquals("k has 10 bytes\nsecond line", e.rowsFrom(1024).reason());
    }

    @Test
    void aFailureWithoutARowStaysAsItIs() {
        InvalidRequestException e = new InvalidRequestException("offsets decrease");
        assertSame(e, e.rowsFrom(1024));
    }
}
