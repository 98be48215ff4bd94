package org.sparkxqa.core.testing;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;

/** The shared generator is reproducible and stays inside the contract. */
class RandomRequestsTest {
    private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.FP16, 4, 2, 64);

    @Test
    void sameSeedGivesTheSameRequests() {
        List<Request> a = new RandomRequests(123).mixedBatch(SPEC, 5, 64, 300);
        List<Request> b = new RandomRequests(123).mixedBatch(SPEC, 5, 64, 300);
        for (int n = 0; n < a.size(); n++) {
            assertArrayEquals(a.get(n).q().toArray(JAVA_BYTE), b.get(n).q().toArray(JAVA_BYTE));
            assertArrayEquals(a.get(n).k().toArray(JAVA_BYTE), b.get(n).k().toArray(JAVA_BYTE));
            assertArrayEquals(a.get(n).v().toArray(JAVA_BYTE), b.get(n).v().toArray(JAVA_BYTE));
            assertArrayEquals(a.get(n).mask().toPacked(), b.get(n).mask().toPacked());
        }
    }

    @Test
    void treeParentsAreMinusOneOrEarlierAndUseTheWholeRange() {
        RandomRequests random = new RandomRequests(1);
        Set<Integer> parentsOfLast = new HashSet<>();
        for (int n = 0; n < 2000; n++) {
            int[] parents = random.tree(8);
            for (int t = 0; t < parents.length; t++) {
                assertTrue(parents[t] >= -1 && parents[t] < t, "parents[" + t + "] = " + parents[t]);
            }
            parentsOfLast.add(parents[7]);
        }
        assertEquals(Set.of(-1, 0, 1, 2, 3, 4, 5, 6), parentsOfLast);
    }

    @Test
    void mixedBatchLengthsStayInBounds() {
        List<Request> batch = new RandomRequests(2).mixedBatch(SPEC, 200, 10, 30);
        for (Request r : batch) {
            assertTrue(
                    r.lq() >= 1 && r.lq() <= 10 && r.lk() >= r.lq() && r.lk() <= 30, "Lq=" + r.lq() + " Lk=" + r.lk());
        }
    }

    @Test
    void valuesAreNormalWithTheGivenSigma() {
        float[] values = ElementType.BF16.decodeAll(new RandomRequests(4).normalValues(ElementType.BF16, 20_000, 2.0));
        double sum = 0;
        double squares = 0;
        for (float x : values) {
            sum += x;
            squares += x * x;
        }
        assertEquals(0, sum / values.length, 0.05);
        assertEquals(2.0, Math.sqrt(squares / values.length), 0.05);
    }
}
