package org.sparkxqa.core.gpu.cudf;

import ai.rapids.cudf.BaseDeviceMemoryBuffer;
import ai.rapids.cudf.ColumnView;
import ai.rapids.cudf.DType;
import ai.rapids.cudf.DeviceMemoryBufferView;
import java.util.Optional;

/**
 * A zero-copy view of rows {@code [from, to)} of a LIST column without NULL rows: the same child
 * (data) buffer under a slice of the offsets buffer, so the view's first offset is where row
 * {@code from} starts in the data. cuDF's own {@code ColumnView.slice} copies; the kernel does not
 * need that. The caller closes the view; the source must outlive it. Stateless.
 */
public final class ListSlices {
    private ListSlices() {}

    /** Rows {@code [from, to)} of {@code list} (a LIST column with no NULL rows) as a view. */
    public static ColumnView rows(ColumnView list, int from, int to) {
        if (list.getType() != DType.LIST || from < 0 || to < from || to > list.getRowCount()) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") of a " + list.getType() + " column of "
                    + list.getRowCount() + " rows");
        }
        if (list.getNullCount() > 0) {
            throw new IllegalArgumentException("a LIST column with NULL rows cannot be viewed in slices");
        }
        try (ColumnView offsets = list.getListOffsetsView();
                ColumnView child = list.getChildColumnView(0);
                BaseDeviceMemoryBuffer slice = offsetsOf(offsets.getData(), from, to)) {
            return new ColumnView(DType.LIST, to - from, Optional.of(0L), null, slice, new ColumnView[] {child});
        }
    }

    /**
     * The offsets of rows {@code [from, to)} as a non-owning view. cuDF refuses {@code slice} on a
     * buffer that is itself a view (as the offsets of a column view are), so the view is built from
     * the address.
     */
    private static BaseDeviceMemoryBuffer offsetsOf(BaseDeviceMemoryBuffer offsets, int from, int to) {
        long start = 4L * from;
        long length = 4L * (to - from + 1);
        if (start + length > offsets.getLength()) {
            throw new IllegalArgumentException("offsets of rows [" + from + ", " + to + ") lie beyond the "
                    + offsets.getLength() + " bytes of the offsets buffer");
        }
        return new DeviceMemoryBufferView(offsets.getAddress() + start, length);
    }
}
