package org.sparkxqa.core.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.rapids.cudf.ColumnVector;
import ai.rapids.cudf.HostColumnVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.gpu.cudf.CudfAttention;
import org.sparkxqa.core.gpu.cudf.CudfResult;
import org.sparkxqa.core.testing.RandomRequests;

/**
 * {@link CudfAttention#attendOrNull}: an invalid row (NULL q, short v, a NULL inside its tree, a bad
 * parent) gets a NULL out and the row path's reason; every valid row gets the bytes it gets alone in a
 * batch of valid rows; a column with no valid row gives all NULLs.
 */
@Tag("gpu")
class CudfAttentionInvalidRowsGpuTest {
    private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 8, 2, 64);
    private static GpuBackend gpu;

    @BeforeAll
    static void open() {
        gpu = GpuBackends.openOrSkip(List.of(SPEC));
    }

    @AfterAll
    static void close() {
        if (gpu != null) {
            gpu.close();
        }
    }

    @Test
    void invalidRowsGetNullAndTheirReasonValidRowsTheirBytes() {
        List<Request> requests = new RandomRequests(31).chainBatch(SPEC, 14, 8, 700);
        List<List<Integer>> trees = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            trees.add(null);
        }
        trees.set(9, Arrays.asList(new Integer[requests.get(9).lq()]));
        List<Integer> badParent = new ArrayList<>();
        for (int t = 0; t < requests.get(11).lq(); t++) {
            badParent.add(t == 0 ? 5 : -1);
        }
        trees.set(11, badParent);
        String[] expectedErrors = new String[requests.size()];
        expectedErrors[2] = "q is NULL";
        expectedErrors[5] = "v has " + (requests.get(5).v().byteSize() - 2) + " bytes but k has "
                + requests.get(5).k().byteSize();
        expectedErrors[9] = "tree[0] is NULL";
        List<Request> valid = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            if (r != 2 && r != 5 && r != 9 && r != 11) {
                valid.add(requests.get(r));
            }
        }
        List<byte[]> expected = gpu.attend(SPEC, valid);
        try (ColumnVector full = CudfTestColumns.lists(requests, Request::q);
                ColumnVector q = CudfTestColumns.withNullRows(full, 2);
                ColumnVector k = CudfTestColumns.lists(requests, Request::k);
                ColumnVector v = CudfTestColumns.lists(
                        requests, x -> x == requests.get(5) ? x.v().asSlice(0, x.v().byteSize() - 2) : x.v());
                ColumnVector tree = CudfTestColumns.treeRows(trees);
                CudfResult result = CudfAttention.attendOrNull(gpu, SPEC, q, k, v, tree, 4);
                HostColumnVector out = result.out().copyToHost();
                HostColumnVector errors = result.errors().copyToHost()) {
            assertEquals(4, result.invalidRows());
            assertEquals(requests.size(), out.getRowCount());
            int next = 0;
            for (int r = 0; r < requests.size(); r++) {
                boolean invalid = r == 2 || r == 5 || r == 9 || r == 11;
                assertEquals(invalid, out.isNull(r), "out NULL at row " + r);
                if (invalid) {
                    String error = errors.getJavaString(r);
                    if (expectedErrors[r] != null) {
                        assertEquals(expectedErrors[r], error, "row " + r);
                    } else {
                        assertTrue(error.startsWith("tree[0] = 5: a parent must be"), error);
                    }
                } else {
                    assertTrue(errors.isNull(r), "no error at row " + r);
                    assertArrayEquals(expected.get(next++), CudfTestColumns.bytes(out, r), "row " + r);
                }
            }
        }
    }

    @Test
    void noValidRowGivesAllNulls() {
        List<Request> requests = new RandomRequests(32).mixedBatch(SPEC, 3, 4, 100);
        try (ColumnVector q = CudfTestColumns.lists(requests, Request::q);
                ColumnVector k = CudfTestColumns.lists(requests, Request::k);
                ColumnVector v = CudfTestColumns.lists(requests, x -> x.v().asSlice(1));
                CudfResult result = CudfAttention.attendOrNull(gpu, SPEC, q, k, v, null, 100);
                HostColumnVector out = result.out().copyToHost();
                HostColumnVector errors = result.errors().copyToHost()) {
            assertEquals(3, result.invalidRows());
            for (int r = 0; r < 3; r++) {
                assertTrue(out.isNull(r), "row " + r);
                assertTrue(errors.getJavaString(r).startsWith("v has "), errors.getJavaString(r));
            }
        }
    }
}
