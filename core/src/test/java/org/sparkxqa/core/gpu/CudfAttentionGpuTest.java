package org.sparkxqa.core.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.rapids.cudf.ColumnVector;
import ai.rapids.cudf.ColumnView;
import ai.rapids.cudf.HostColumnVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.InvalidRequestException;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.cpu.CpuBackend;
import org.sparkxqa.core.gpu.cudf.CudfAttention;
import org.sparkxqa.core.gpu.cudf.ListSlices;
import org.sparkxqa.core.testing.RandomRequests;

/**
 * cuDF columns in, a cuDF column out, the kernel reading the columns in place: the same bytes as the
 * GPU backend's own batch path for the same requests, close to the CPU backend, and an invalid row
 * refused by index before anything runs.
 */
@Tag("gpu")
class CudfAttentionGpuTest {
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
    void columnsOnTheDeviceGiveTheBatchPathsBytes() {
        RandomRequests random = new RandomRequests(21);
        Random sizes = new Random(21);
        List<Request> requests = new ArrayList<>();
        List<int[]> parents = new ArrayList<>();
        for (int r = 0; r < 40; r++) {
            int lq = 1 + sizes.nextInt(16);
            int lk = lq + sizes.nextInt(3000);
            int[] tree = r % 3 == 0 ? null : random.tree(lq);
            parents.add(tree);
            requests.add(Request.of(
                    SPEC,
                    random.normalValues(SPEC.qType(), lq * 8 * 64, 1),
                    random.normalValues(SPEC.kvType(), lk * 2 * 64, 1),
                    random.normalValues(SPEC.kvType(), lk * 2 * 64, 1),
                    tree,
                    null));
        }
        List<byte[]> expected = gpu.attend(SPEC, requests);
        try (ColumnVector q = CudfTestColumns.lists(requests, Request::q);
                ColumnVector k = CudfTestColumns.lists(requests, Request::k);
                ColumnVector v = CudfTestColumns.lists(requests, Request::v);
                ColumnVector tree = CudfTestColumns.trees(parents);
                ColumnVector out = CudfAttention.attend(gpu, SPEC, q, k, v, tree);
                HostColumnVector host = out.copyToHost()) {
            List<byte[]> got = new ArrayList<>();
            for (int r = 0; r < requests.size(); r++) {
                List<?> bytes = host.getList(r);
                byte[] b = new byte[bytes.size()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (Byte) bytes.get(i);
                }
                got.add(b);
            }
            GpuBackends.assertSameBytes(expected, got, "cuDF columns vs GpuBackend.attend");
            try (CpuBackend cpu = new CpuBackend(2)) {
                GpuBackends.assertClose(SPEC, requests, got, cpu.attend(SPEC, requests), "cuDF vs CPU");
            }
        }
    }

    /**
     * A view of rows 7..29 (its offsets start mid-buffer) is read where it lies; launches of 6 rows agree.
     * Chains only: the calls pass no tree column.
     */
    @Test
    void slicedViewsAndLaunchesOfFewRowsGiveTheSameBytes() {
        List<Request> requests = new RandomRequests(23).chainBatch(SPEC, 40, 8, 900);
        int from = 7;
        int to = 30;
        List<byte[]> expected = gpu.attend(SPEC, requests);
        try (ColumnVector q = CudfTestColumns.lists(requests, Request::q);
                ColumnVector k = CudfTestColumns.lists(requests, Request::k);
                ColumnVector v = CudfTestColumns.lists(requests, Request::v);
                ColumnView qs = ListSlices.rows(q, from, to);
                ColumnView ks = ListSlices.rows(k, from, to);
                ColumnView vs = ListSlices.rows(v, from, to);
                ColumnVector sliced = CudfAttention.attend(gpu, SPEC, qs, ks, vs, null);
                ColumnVector inSixes = CudfAttention.attend(gpu, SPEC, q, k, v, null, 6);
                HostColumnVector a = sliced.copyToHost();
                HostColumnVector b = inSixes.copyToHost()) {
            assertEquals(to - from, a.getRowCount());
            assertEquals(requests.size(), b.getRowCount());
            for (int r = 0; r < to - from; r++) {
                byte[] got = CudfTestColumns.bytes(a, r);
                assertTrue(
                        Arrays.equals(expected.get(from + r), got),
                        "sliced row " + r + " (request " + (from + r) + "): " + whichRequestMatches(expected, got));
            }
            for (int r = 0; r < requests.size(); r++) {
                assertTrue(
                        Arrays.equals(expected.get(r), CudfTestColumns.bytes(b, r)), "row " + r + " in launches of 6");
            }
        }
    }

    @Test
    void anInvalidRowIsRefusedByIndex() {
        List<Request> requests = new RandomRequests(22).mixedBatch(SPEC, 5, 4, 300);
        List<Request> badV = new ArrayList<>(requests);
        try (ColumnVector q = CudfTestColumns.lists(requests, Request::q);
                ColumnVector k = CudfTestColumns.lists(requests, Request::k);
                ColumnVector v = CudfTestColumns.lists(
                        badV, r -> r == badV.get(3) ? r.v().asSlice(0, r.v().byteSize() - 2) : r.v())) {
            InvalidRequestException e = assertThrows(
                    InvalidRequestException.class,
                    () -> CudfAttention.attend(gpu, SPEC, q, k, v, null).close());
            assertTrue(e.getMessage().startsWith("row 3: "), e.getMessage());
        }
    }

    private static String whichRequestMatches(List<byte[]> expected, byte[] got) {
        for (int j = 0; j < expected.size(); j++) {
            if (Arrays.equals(expected.get(j), got)) {
                return "its bytes are request " + j + "'s";
            }
        }
        return got.length + " bytes that match no request's output";
    }
}
