package org.sparkxqa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sparkxqa.core.testing.Failures.assertFails;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Request#of}: lengths from byte sizes, draft forms, and every rejection with its reason. */
class RequestTest {
    private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 4, 2, 64);
    private static final int Q_TOKEN = 4 * 64 * 2;
    private static final int KV_TOKEN = 2 * 64 * 2;

    private static Request of(int lq, int lk, int[] parents, byte[] packed) {
        return Request.of(
                SPEC, new byte[lq * Q_TOKEN], new byte[lk * KV_TOKEN], new byte[lk * KV_TOKEN], parents, packed);
    }

    @Test
    void lengthsFollowFromTheByteSizes() {
        Request r = of(3, 10, null, null);
        assertEquals(3, r.lq());
        assertEquals(10, r.lk());
        assertEquals(2L * 10 * KV_TOKEN, r.kvBytes());
        DraftMaskTreeTest.assertSameRows(DraftMask.chain(3), r.mask());
        assertEquals(64, of(64, 64, null, null).lq());
    }

    @Test
    void acceptsATreeOrAPackedMask() {
        DraftMaskTreeTest.assertSameRows(
                DraftMask.fromParents(new int[] {-1, 0, 0}),
                of(3, 5, new int[] {-1, 0, 0}, null).mask());
        byte[] packed = {1, 0, 0, 0, 2, 0, 0, 0, 5, 0, 0, 0};
        DraftMaskTreeTest.assertSameRows(
                DraftMask.fromPacked(packed, 3), of(3, 5, null, packed).mask());
    }

    @Test
    void rejectsNullBuffersNamingWhichOne() {
        byte[] q = new byte[Q_TOKEN];
        byte[] kv = new byte[KV_TOKEN];
        assertFails(InvalidRequestException.class, () -> Request.of(SPEC, null, kv, kv, null, null), "q is NULL");
        assertFails(InvalidRequestException.class, () -> Request.of(SPEC, q, null, kv, null, null), "k is NULL");
        assertFails(InvalidRequestException.class, () -> Request.of(SPEC, q, kv, null, null, null), "v is NULL");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 511, 513, 1025})
    void rejectsQThatIsNotWholeTokens(int bytes) {
        assertFails(
                InvalidRequestException.class,
                () -> Request.of(SPEC, new byte[bytes], new byte[4 * KV_TOKEN], new byte[4 * KV_TOKEN], null, null),
                "q has " + bytes + " bytes",
                "not a whole number of " + Q_TOKEN + "-byte tokens");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 255, 257, 1000})
    void rejectsKThatIsNotWholeTokens(int bytes) {
        assertFails(
                InvalidRequestException.class,
                () -> Request.of(SPEC, new byte[Q_TOKEN], new byte[bytes], new byte[bytes], null, null),
                "k has " + bytes + " bytes",
                "not a whole number of " + KV_TOKEN + "-byte tokens");
    }

    @Test
    void rejectsVOfAnotherLengthThanK() {
        assertFails(
                InvalidRequestException.class,
                () -> Request.of(SPEC, new byte[Q_TOKEN], new byte[4 * KV_TOKEN], new byte[5 * KV_TOKEN], null, null),
                "v has " + 5 * KV_TOKEN + " bytes but k has " + 4 * KV_TOKEN);
        assertFails(
                InvalidRequestException.class,
                () -> Request.of(
                        SPEC, new byte[Q_TOKEN], new byte[4 * KV_TOKEN], new byte[4 * KV_TOKEN - 2], null, null),
                "v has",
                "but k has");
    }

    @Test
    void rejectsLqOutside1To64() {
        assertFails(InvalidRequestException.class, () -> of(65, 100, null, null), "Lq=65", "1..64");
        assertFails(InvalidRequestException.class, () -> of(0, 10, null, null), "Lq=0", "1..64");
    }

    @Test
    void rejectsLkSmallerThanLq() {
        assertFails(InvalidRequestException.class, () -> of(5, 4, null, null), "Lk=4 is smaller than Lq=5");
        assertFails(InvalidRequestException.class, () -> of(1, 0, null, null), "Lk=0 is smaller than Lq=1");
    }

    @Test
    void rejectsATreeWhoseLengthIsNotLq() {
        assertFails(
                InvalidRequestException.class,
                () -> of(4, 8, new int[] {-1, 0, 1}, null),
                "tree has 3 entries but q has Lq=4");
        assertFails(
                InvalidRequestException.class,
                () -> of(4, 8, new int[] {-1, 0, 1, 2, 3}, null),
                "tree has 5 entries but q has Lq=4");
        assertFails(
                InvalidRequestException.class, () -> of(4, 8, new int[65], null), "tree has 65 entries but q has Lq=4");
        assertFails(
                InvalidRequestException.class, () -> of(4, 8, new int[0], null), "tree has 0 entries but q has Lq=4");
    }

    @Test
    void rejectsABadTreeNamingTheIndex() {
        assertFails(InvalidRequestException.class, () -> of(4, 8, new int[] {-1, 0, 1, 5}, null), "tree[3] = 5");
    }

    @Test
    void rejectsAPackedMaskOfTheWrongLengthOrWithBitsAboveLq() {
        assertFails(
                InvalidRequestException.class,
                () -> of(4, 8, null, new byte[12]),
                "packed mask has 12 bytes, expected 16");
        byte[] packed = {1, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertFails(InvalidRequestException.class, () -> of(4, 8, null, packed), "row 1", "Lq=4");
    }

    @Test
    void rejectsBothAParentListAndAPackedMask() {
        assertFails(
                InvalidRequestException.class,
                () -> of(2, 4, new int[] {-1, 0}, new byte[8]),
                "both a parent list and a packed mask");
    }
}
