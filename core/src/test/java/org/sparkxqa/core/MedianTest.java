package org.sparkxqa.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MedianTest {
    @Test
    void middleValueOrMeanOfTheMiddleTwo() {
        assertEquals(3.0, Median.of(5, 1, 3));
        assertEquals(2.5, Median.of(4, 1, 3, 2));
        assertEquals(7.0, Median.of(7));
        assertEquals(1.5, Median.of(List.of(2f, 1f)));
        assertEquals(20.0, Median.of(List.of(30L, 10L, 20L)));
    }

    @Test
    void leavesTheInputAloneAndRefusesNoValues() {
        double[] v = {3, 1, 2};
        Median.of(v);
        assertArrayEquals(new double[] {3, 1, 2}, v);
        assertThrows(IllegalArgumentException.class, Median::of);
    }
}
