package org.sparkxqa.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparkxqa.core.testing.Failures.assertFails;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparkxqa.core.testing.RandomRequests;

/** The packed XQA mask format: layout, round trips for every Lq, and rejected inputs. */
class DraftMaskPackedTest {

    @Test
    void packedRoundTripsForEveryLq() {
        RandomRequests random = new RandomRequests(11);
        for (int lq = 1; lq <= 64; lq++) {
            int words = lq <= 32 ? 1 : 2;
            assertEquals(words, DraftMask.wordsPerRow(lq));
            byte[] packed = random.packedMask(lq);
            assertEquals(lq * words * 4, packed.length);
            DraftMask mask = DraftMask.fromPacked(packed, lq);
            assertArrayEquals(packed, mask.toPacked(), "Lq=" + lq);
            for (int i = 0; i < lq; i++) {
                long row =
                        ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN).getInt(i * words * 4) & 0xFFFFFFFFL;
                if (words == 2) {
                    row |= (long) ByteBuffer.wrap(packed)
                                    .order(ByteOrder.LITTLE_ENDIAN)
                                    .getInt(i * 8 + 4)
                            << 32;
                }
                for (int t = 0; t < lq; t++) {
                    assertEquals(((row >>> t) & 1) != 0, mask.sees(i, t), "Lq=" + lq + " row " + i + " draft " + t);
                }
            }
            DraftMask tree = DraftMask.fromParents(random.tree(lq));
            DraftMaskTreeTest.assertSameRows(tree, DraftMask.fromPacked(tree.toPacked(), lq));
        }
    }

    @Test
    void layoutIsLittleEndianWordsWithBitTModulo32OfWordTDiv32() {
        assertArrayEquals(
                new byte[] {1, 0, 0, 0, 3, 0, 0, 0, 7, 0, 0, 0},
                DraftMask.chain(3).toPacked());
        byte[] packed = DraftMask.chain(33).toPacked();
        assertEquals(33 * 8, packed.length);
        assertArrayEquals(
                new byte[] {-1, -1, -1, -1, 1, 0, 0, 0}, java.util.Arrays.copyOfRange(packed, 32 * 8, 33 * 8));
        byte[] lastSeesDraft32 = new byte[33 * 8];
        lastSeesDraft32[32 * 8 + 4] = 1;
        DraftMask mask = DraftMask.fromPacked(lastSeesDraft32, 33);
        assertTrue(mask.sees(32, 32));
        assertEquals(1L << 32, mask.row(32));
        assertEquals(-1L, DraftMask.chain(64).row(63));
    }

    @ParameterizedTest
    @CsvSource({"1, 0", "1, 8", "4, 15", "4, 17", "32, 129", "33, 132", "33, 260", "64, 256", "64, 511"})
    void rejectsWrongLengthsNamingTheExpectedOne(int lq, int bytes) {
        int expected = lq * DraftMask.wordsPerRow(lq) * 4;
        assertFails(
                InvalidRequestException.class,
                () -> DraftMask.fromPacked(new byte[bytes], lq),
                "packed mask has " + bytes + " bytes, expected " + expected);
    }

    @ParameterizedTest
    @CsvSource({"1, 0, 1", "5, 2, 5", "5, 4, 31", "31, 30, 31", "33, 0, 33", "33, 32, 63", "63, 62, 63"})
    void rejectsBitsForDraftsAtOrAboveLq(int lq, int row, int bit) {
        int words = DraftMask.wordsPerRow(lq);
        ByteBuffer packed = ByteBuffer.allocate(lq * words * 4).order(ByteOrder.LITTLE_ENDIAN);
        packed.putInt((row * words + bit / 32) * 4, 1 << (bit % 32));
        assertFails(
                InvalidRequestException.class,
                () -> DraftMask.fromPacked(packed.array(), lq),
                "row " + row,
                "Lq=" + lq);
    }

    @Test
    void rejectsUnsupportedLq() {
        assertFails(InvalidRequestException.class, () -> DraftMask.fromPacked(new byte[0], 0), "0 tokens");
        assertFails(InvalidRequestException.class, () -> DraftMask.fromPacked(new byte[65 * 12], 65), "65 tokens");
    }
}
