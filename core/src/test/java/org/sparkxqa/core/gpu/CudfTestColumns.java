package org.sparkxqa.core.gpu;

import ai.rapids.cudf.ColumnVector;
import ai.rapids.cudf.ColumnView;
import ai.rapids.cudf.DType;
import ai.rapids.cudf.DeviceMemoryBuffer;
import ai.rapids.cudf.HostColumnVector;
import ai.rapids.cudf.HostMemoryBuffer;
import ai.rapids.cudf.OutOfBoundsPolicy;
import ai.rapids.cudf.Table;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.sparkxqa.core.Request;

/** cuDF columns of requests for the cuDF GPU tests: LIST&lt;UINT8&gt; bytes and LIST&lt;INT32&gt; trees. */
final class CudfTestColumns {
    private CudfTestColumns() {}

    static byte[] bytes(HostColumnVector host, int row) {
        List<?> list = host.getList(row);
        byte[] b = new byte[list.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (Byte) list.get(i);
        }
        return b;
    }

    /** A LIST<UINT8> column of every request's bytes, built from one data and one offsets buffer. */
    static ColumnVector lists(List<Request> requests, Function<Request, MemorySegment> part) {
        long total = requests.stream().mapToLong(r -> part.apply(r).byteSize()).sum();
        int[] offsets = new int[requests.size() + 1];
        try (HostMemoryBuffer data = HostMemoryBuffer.allocate(Math.max(1, total));
                HostMemoryBuffer offs = HostMemoryBuffer.allocate(4L * offsets.length)) {
            for (int r = 0; r < requests.size(); r++) {
                byte[] b = part.apply(requests.get(r)).toArray(ValueLayout.JAVA_BYTE);
                data.setBytes(offsets[r], b, 0, b.length);
                offsets[r + 1] = offsets[r] + b.length;
            }
            offs.setInts(0, offsets, 0, offsets.length);
            try (DeviceMemoryBuffer d = DeviceMemoryBuffer.allocate(Math.max(1, total));
                    DeviceMemoryBuffer o = DeviceMemoryBuffer.allocate(4L * offsets.length)) {
                d.copyFromHostBuffer(data);
                o.copyFromHostBuffer(offs);
                try (ColumnView child = new ColumnView(DType.UINT8, total, Optional.of(0L), d, null);
                        ColumnView list = new ColumnView(
                                DType.LIST, requests.size(), Optional.of(0L), null, o, new ColumnView[] {child})) {
                    return list.copyToColumnVector();
                }
            }
        }
    }

    /** The requests' draft masks as parent lists (chains as NULL rows) in a LIST<INT32> column. */
    static ColumnVector trees(List<int[]> parents) {
        List<List<Integer>> rows = new ArrayList<>();
        for (int[] p : parents) {
            rows.add(p == null ? null : Arrays.stream(p).boxed().toList());
        }
        return treeRows(rows);
    }

    /** A LIST&lt;INT32&gt; column of the given rows (a null row is NULL; elements may be null). */
    static ColumnVector treeRows(List<List<Integer>> rows) {
        HostColumnVector.DataType type =
                new HostColumnVector.ListType(true, new HostColumnVector.BasicType(true, DType.INT32));
        @SuppressWarnings("unchecked")
        List<Integer>[] array = rows.toArray(new List[0]);
        return ColumnVector.fromLists(type, array);
    }

    /** {@code column} with the given rows made NULL (a gather whose map points past the end there). */
    static ColumnVector withNullRows(ColumnVector column, int... nullRows) {
        int rows = (int) column.getRowCount();
        int[] map = new int[rows];
        for (int r = 0; r < rows; r++) {
            map[r] = r;
        }
        for (int r : nullRows) {
            map[r] = rows;
        }
        try (Table t = new Table(column);
                ColumnVector m = ColumnVector.fromInts(map);
                Table g = t.gather(m, OutOfBoundsPolicy.NULLIFY)) {
            return g.getColumn(0).incRefCount();
        }
    }
}
