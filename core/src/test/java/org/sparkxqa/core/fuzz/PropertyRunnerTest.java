package org.sparkxqa.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.Request;

/** The runner finds a failing case, shrinks it to a readable one, and a seed replays the same cases. */
class PropertyRunnerTest {
    private static final CaseGenerator GENERATOR = new CaseGenerator(FuzzSpace.contract());

    @Test
    void aFailureIsShrunkToTheSmallestFailingCaseAndNamesTheSeed() {
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> PropertyRunner.check(
                        "lk <= 100",
                        42,
                        500,
                        GENERATOR::next,
                        CaseShrinker::shrink,
                        c -> c.requests().forEach(r -> assertTrue(r.lk() <= 100, "Lk=" + r.lk()))));
        String message = e.getMessage();
        assertTrue(message.contains("seed 42") && message.contains("-Dxqa.fuzz.seed=42"), message);
        String shrunk = message.lines()
                .filter(l -> l.contains("shrunk case:"))
                .findFirst()
                .orElseThrow();
        assertTrue(shrunk.contains("Hq=1 Hkv=1 D=64 [Lq=1 Lk=101 chain values#"), shrunk);
        assertTrue(message.contains("failure: Lk=101"), message);
    }

    @Test
    void theSameSeedDrawsTheSameCases() {
        assertEquals(draw(7), draw(7));
        assertTrue(!draw(7).equals(draw(8)));
    }

    @Test
    void everyShrunkVariantIsAValidCase() {
        Random r = new Random(3);
        for (int i = 0; i < 200; i++) {
            for (FuzzCase smaller : CaseShrinker.shrink(GENERATOR.next(r))) {
                AttentionSpec spec = smaller.spec().spec();
                for (FuzzRequest q : smaller.requests()) {
                    byte[] kv = new byte[q.lk() * spec.kvTokenBytes()];
                    Request.of(spec, new byte[q.lq() * spec.qTokenBytes()], kv, kv, q.parentArray(), q.packedMask());
                }
            }
        }
    }

    private static List<String> draw(long seed) {
        List<String> cases = new ArrayList<>();
        PropertyRunner.check("draw", seed, 20, GENERATOR::next, c -> List.of(), c -> cases.add(c.toString()));
        return cases;
    }
}
