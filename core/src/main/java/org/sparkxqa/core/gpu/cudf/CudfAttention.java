package org.sparkxqa.core.gpu.cudf;

import ai.rapids.cudf.BaseDeviceMemoryBuffer;
import ai.rapids.cudf.ColumnVector;
import ai.rapids.cudf.ColumnView;
import ai.rapids.cudf.Cuda;
import ai.rapids.cudf.DType;
import ai.rapids.cudf.HostColumnVector;
import ai.rapids.cudf.Scalar;
import java.util.List;
import java.util.Optional;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.InvalidRequestException;
import org.sparkxqa.core.gpu.GpuBackend;
import org.sparkxqa.core.gpu.cuda.CudaStream;
import org.sparkxqa.core.gpu.cuda.DeviceBuffer;
import org.sparkxqa.core.gpu.cuda.PinnedBuffer;
import org.sparkxqa.core.gpu.kernel.DeviceBuffers;
import org.sparkxqa.core.gpu.kernel.LaunchPlan;

/**
 * Spec-dec attention over requests that are already on the GPU as cuDF columns, with no host round
 * trip of their bytes: q, k and v are LIST&lt;UINT8&gt; columns (one request per row, the layouts of
 * the data contract), the tree an optional LIST&lt;INT32&gt; of draft parents (NULL rows and a null
 * column mean chains). The kernel reads the columns' data buffers in place; only their offsets (and
 * the tree) are copied to the host to plan and check the launch ({@link ListColumnsLayout}). The result
 * is a new LIST&lt;UINT8&gt; column {@code out} ({@code [Lq, Hq, D]} per row in the q type).
 *
 * <p>Ownership: the caller keeps owning its columns; the returned column is the caller's to close.
 * Every row must be valid (no NULL q/k/v): an invalid row is an
 * {@link InvalidRequestException} naming it, before anything runs. All rows go into
 * one launch (split a table larger than one launch can index). Thread-safe: each call uses its own
 * stream and buffers. The output is the same bits as {@link GpuBackend#attend} gives for the same
 * requests (batch invariance).
 */
public final class CudfAttention {
  private CudfAttention() {}

  /** {@code out} for every row of {@code q}, {@code k}, {@code v} (and {@code tree}, may be null). */
  public static ColumnVector attend(GpuBackend backend, AttentionSpec spec, ColumnView q, ColumnView k, ColumnView v,
      ColumnView tree) {
    long rows = q.getRowCount();
    for (ColumnView c : new ColumnView[] {q, k, v}) {
      requireBytes(c, rows);
    }
    ListColumnsLayout layout = ListColumnsLayout.of(spec, offsets(q), offsets(k), offsets(v), parents(tree, rows));
    LaunchPlan plan = LaunchPlan.ofPlaced(spec, layout.shapes(), layout.placement(), backend.deviceLimits());
    Cuda.DEFAULT_STREAM.sync();
    long outBytes = layout.qBytes(spec);
    TableArena arena = TableArena.of(plan, outBytes);
    try (CudaStream stream = CudaStream.create(backend.context());
        DeviceBuffer device = DeviceBuffer.allocate(arena.bytes(), stream);
        PinnedBuffer tables = PinnedBuffer.allocate(arena.tableBytes())) {
      arena.pack(plan, tables);
      device.copyFromHostAsync(0, tables, 0, arena.tableBytes(), stream);
      DeviceBuffers b = arena.buffers(device.address(), data(q) + layout.qFirstByte(), data(k) + layout.kFirstByte(),
          data(v) + layout.vFirstByte());
      backend.launch(plan, b, stream);
      stream.synchronize();
      return outColumn(q, layout, device, arena.out(), outBytes);
    }
  }

  private static ColumnVector outColumn(ColumnView q, ListColumnsLayout layout, DeviceBuffer device, long outOffset,
      long outBytes) {
    try (ColumnView qOffsets = q.getListOffsetsView();
        Scalar base = Scalar.fromInt((int) layout.qFirstByte());
        ColumnVector offsets = qOffsets.sub(base, DType.INT32);
        BaseDeviceMemoryBuffer outData = device.cudf().slice(outOffset, outBytes);
        ColumnView child = new ColumnView(DType.UINT8, outBytes, Optional.of(0L), outData, null);
        ColumnView list = new ColumnView(DType.LIST, q.getRowCount(), Optional.of(0L), null, offsets.getData(),
            new ColumnView[] {child})) {
      return list.copyToColumnVector();
    }
  }

  private static void requireBytes(ColumnView c, long rows) {
    if (c.getType() != DType.LIST || c.getChildColumnView(0).getType() != DType.UINT8 || c.getRowCount() != rows) {
      throw new IllegalArgumentException("q, k and v must be LIST<UINT8> columns of " + rows + " rows, got "
          + c.getType() + " of " + c.getRowCount() + " rows");
    }
    if (c.getNullCount() > 0) {
      throw new IllegalArgumentException("q, k and v must have no NULL rows (" + c.getNullCount() + " found)");
    }
  }

  private static long data(ColumnView list) {
    try (ColumnView child = list.getChildColumnView(0)) {
      return child.getData() == null ? 0 : child.getData().getAddress();
    }
  }

  private static int[] offsets(ColumnView list) {
    try (ColumnView view = list.getListOffsetsView(); HostColumnVector host = view.copyToHost()) {
      int[] out = new int[(int) host.getRowCount()];
      for (int i = 0; i < out.length; i++) {
        out[i] = host.getInt(i);
      }
      return out;
    }
  }

  private static int[][] parents(ColumnView tree, long rows) {
    if (tree == null) {
      return null;
    }
    if (tree.getType() != DType.LIST || tree.getRowCount() != rows) {
      throw new IllegalArgumentException("tree must be a LIST<INT32> column of " + rows + " rows, got "
          + tree.getType() + " of " + tree.getRowCount() + " rows");
    }
    int[][] out = new int[(int) rows][];
    try (HostColumnVector host = tree.copyToHost()) {
      for (int r = 0; r < rows; r++) {
        if (!host.isNull(r)) {
          List<?> parents = host.getList(r);
          out[r] = new int[parents.size()];
          for (int t = 0; t < out[r].length; t++) {
            if (parents.get(t) == null) {
              throw new InvalidRequestException("row " + r + ": tree[" + t + "] is NULL");
            }
            out[r][t] = ((Number) parents.get(t)).intValue();
          }
        }
      }
    }
    return out;
  }
}
