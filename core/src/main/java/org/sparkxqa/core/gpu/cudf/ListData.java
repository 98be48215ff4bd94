package org.sparkxqa.core.gpu.cudf;

import ai.rapids.cudf.BaseDeviceMemoryBuffer;
import ai.rapids.cudf.ColumnView;

/**
 * Where a LIST&lt;UINT8&gt; column's row 0 starts in device memory, checked against the bytes its data
 * child holds, before any kernel reads them. cuDF hands out a list's child either whole (row 0 then
 * starts {@code first} bytes in) or already cut at the first offset (row 0 at byte 0; a child of
 * exactly {@code last - first} bytes): the child's size tells the two apart, since a whole child holds at
 * least {@code last} bytes. A view whose offsets point beyond its child is refused, naming the bytes.
 * Stateless.
 */
final class ListData {
    private ListData() {}

    /**
     * @param first the column's first offset (row 0's start in the whole data)
     * @param last the column's last offset (the end of its last row)
     * @return the device address of row 0's first byte (0 when the rows hold no bytes)
     * @throws IllegalArgumentException when {@code [first, last)} does not lie inside the child's data
     */
    static long rowZeroAddress(ColumnView list, long first, long last) {
        long span = last - first;
        try (ColumnView child = list.getChildColumnView(0)) {
            long childBytes = child.getRowCount();
            long start = childBytes == span ? 0 : first;
            if (first < 0 || span < 0 || start + span > childBytes) {
                throw new IllegalArgumentException("LIST offsets [" + first + ", " + last + ") lie beyond the "
                        + childBytes + " bytes of its data");
            }
            if (span == 0) {
                return 0;
            }
            BaseDeviceMemoryBuffer data = child.getData();
            return data.getAddress() + start;
        }
    }
}
