package org.sparkxqa.core.gpu.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmArchTest {
    @Test
    void parsesTheUsualForms() {
        assertEquals(SmArch.SM_90, SmArch.parse("sm_90"));
        assertEquals(SmArch.SM_80, SmArch.parse("80"));
        assertEquals(new SmArch(8, 9), SmArch.parse("8.9"));
        assertEquals(new SmArch(12, 0), SmArch.parse("sm_120"));
        assertEquals(List.of(SmArch.SM_80, SmArch.SM_90), SmArch.parseList("sm_80, sm_90,"));
        assertEquals("sm_90", SmArch.SM_90.label());
    }

    @Test
    void hopperCompilesForTheArchSpecificTargetThatEnablesWgmma() {
        assertEquals("sm_90a", SmArch.SM_90.compileTarget());
        assertEquals("sm_90a", SmArch.parse("9.0").compileTarget());
        assertEquals("sm_90", SmArch.SM_90.label()); // what people read and type stays sm_90
        assertEquals("sm_80", SmArch.SM_80.compileTarget());
        assertEquals("sm_86", new SmArch(8, 6).compileTarget());
        assertEquals("sm_89", new SmArch(8, 9).compileTarget());
        assertEquals("sm_100", new SmArch(10, 0).compileTarget());
        assertEquals("sm_120", new SmArch(12, 0).compileTarget());
    }

    @Test
    void rejectsAnythingElse() {
        for (String bad :
                new String[] {"", "sm_", "sm_9", "sm_90; rm -rf /", "-arch=sm_90", "sm_90a", "compute", "4.0", "13.0"
                }) {
            assertThrows(IllegalArgumentException.class, () -> SmArch.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> SmArch.parseList(" , "));
    }
}
