package org.sparkxqa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sparkxqa.core.testing.Failures.assertFails;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparkxqa.core.testing.RandomRequests;

/** Chains and parent-list trees: who sees whom, and the errors for bad trees. */
class DraftMaskTreeTest {

    @Test
    void chainTokenSeesItselfAndEveryEarlierDraft() {
        for (int lq = 1; lq <= 64; lq++) {
            DraftMask chain = DraftMask.chain(lq);
            assertEquals(lq, chain.lq());
            for (int i = 0; i < lq; i++) {
                for (int t = 0; t < lq; t++) {
                    assertEquals(t <= i, chain.sees(i, t), "chain(" + lq + ") row " + i + " draft " + t);
                }
            }
        }
    }

    @Test
    void chainEqualsTheTreeWhereEachTokenHangsOffThePrevious() {
        for (int lq = 1; lq <= 64; lq++) {
            int[] parents = new int[lq];
            for (int t = 0; t < lq; t++) {
                parents[t] = t - 1;
            }
            assertSameRows(DraftMask.chain(lq), DraftMask.fromParents(parents));
        }
    }

    @Test
    void treeTokenSeesExactlyItselfAndItsAncestors() {
        RandomRequests random = new RandomRequests(7);
        for (int lq = 1; lq <= 64; lq++) {
            int[] parents = random.tree(lq);
            DraftMask mask = DraftMask.fromParents(parents);
            for (int i = 0; i < lq; i++) {
                boolean[] ancestorOrSelf = new boolean[lq];
                for (int a = i; a >= 0; a = parents[a]) {
                    ancestorOrSelf[a] = true;
                }
                for (int t = 0; t < lq; t++) {
                    assertEquals(ancestorOrSelf[t], mask.sees(i, t), "tree row " + i + " draft " + t);
                }
            }
        }
    }

    @Test
    void allRootsSeeOnlyThemselves() {
        DraftMask mask = DraftMask.fromParents(new int[] {-1, -1, -1, -1});
        for (int i = 0; i < 4; i++) {
            assertEquals(1L << i, mask.row(i));
        }
    }

    @ParameterizedTest
    @CsvSource({"3, 5", "3, 3", "0, 0", "2, -2", "63, 63", "1, 40"})
    void rejectsAParentThatIsNotEarlierNamingTheIndex(int index, int parent) {
        int[] parents = new int[64];
        Arrays.fill(parents, -1);
        parents[index] = parent;
        assertFails(
                InvalidRequestException.class, () -> DraftMask.fromParents(parents), "tree[" + index + "] = " + parent);
    }

    @Test
    void rejectsTreesOfUnsupportedLength() {
        assertFails(InvalidRequestException.class, () -> DraftMask.fromParents(new int[0]), "0 tokens", "1..64");
        assertFails(InvalidRequestException.class, () -> DraftMask.fromParents(new int[65]), "65 tokens", "1..64");
        assertFails(InvalidRequestException.class, () -> DraftMask.chain(0), "0 tokens");
        assertFails(InvalidRequestException.class, () -> DraftMask.chain(65), "65 tokens");
    }

    static void assertSameRows(DraftMask expected, DraftMask actual) {
        assertEquals(expected.lq(), actual.lq());
        for (int i = 0; i < expected.lq(); i++) {
            assertEquals(expected.row(i), actual.row(i), "row " + i);
        }
    }
}
