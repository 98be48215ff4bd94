package org.sparkxqa.core.gpu.nvrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceExcerptTest {
    @Test
    void showsContextAroundEachErrorAndMergesNearbyOnes() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            text.append("line").append(i).append('\n');
        }
        ProgramSource src = new ProgramSource("k.cu", text.toString(), Map.of());
        String log = "k.cu(5): error: one\nk.cu(6): error: two\nk.cu(17): warning: ignored\nk.cu(18): error: three\n"
                + "other.cu(2): error: not ours\n";
        String expected = """
        ---- k.cu ----
           2 | line2
           3 | line3
           4 | line4
        >  5 | line5
        >  6 | line6
           7 | line7
           8 | line8
           9 | line9
          ...
          15 | line15
          16 | line16
          17 | line17
        > 18 | line18
          19 | line19
          20 | line20
        """;
        assertEquals(expected, SourceExcerpt.of(src, log));
    }

    @Test
    void emptyWhenTheLogNamesNoLine() {
        assertEquals("", SourceExcerpt.of(new ProgramSource("k.cu", "x", Map.of()), "catastrophic failure\n"));
    }
}
