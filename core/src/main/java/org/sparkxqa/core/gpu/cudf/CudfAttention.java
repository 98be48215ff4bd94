package org.sparkxqa.core.gpu.cudf;

import ai.rapids.cudf.BaseDeviceMemoryBuffer;
import ai.rapids.cudf.ColumnVector;
import ai.rapids.cudf.ColumnView;
import ai.rapids.cudf.Cuda;
import ai.rapids.cudf.DType;
import ai.rapids.cudf.Scalar;
import java.util.Arrays;
import java.util.Optional;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.InvalidRequestException;
import org.sparkxqa.core.gpu.GpuBackend;
import org.sparkxqa.core.gpu.KernelLauncher;
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
 * {@code attend} needs every row valid: an invalid row is an {@link InvalidRequestException} naming
 * it ({@code row 3: q is NULL}), before anything runs; {@link #attendOrNull} gives such a row a NULL
 * {@code out} and its reason instead. Every row is checked as the row path checks it
 * ({@link org.sparkxqa.core.RequestCheck}), with the same reasons. All rows go into
 * one launch, or launches of a given number of rows. Thread-safe: each call uses its own
 * stream and buffers. The output is the same bits as {@link GpuBackend#attend} gives for the same
 * requests (batch invariance).
 */
public final class CudfAttention {
    private CudfAttention() {}

    /** {@code out} for every row of {@code q}, {@code k}, {@code v} (and {@code tree}, may be null), in one launch. */
    public static ColumnVector attend(
            GpuBackend backend, AttentionSpec spec, ColumnView q, ColumnView k, ColumnView v, ColumnView tree) {
        return attend(backend, spec, q, k, v, tree, Integer.MAX_VALUE);
    }

    /**
     * As {@link #attend(GpuBackend, AttentionSpec, ColumnView, ColumnView, ColumnView, ColumnView)}, in
     * launches of at most {@code rowsPerLaunch} rows (zero-copy views of the columns, {@link ListSlices});
     * the outputs are concatenated into one column. Every row is checked before the first launch.
     */
    public static ColumnVector attend(
            GpuBackend backend,
            AttentionSpec spec,
            ColumnView q,
            ColumnView k,
            ColumnView v,
            ColumnView tree,
            int rowsPerLaunch) {
        TreeRows trees = ListColumnsHost.trees(tree, q.getRowCount());
        String[] reasons = check(spec, q, k, v, trees);
        for (int r = 0; r < reasons.length; r++) {
            if (reasons[r] != null) {
                throw InvalidRequestException.atRow(r, reasons[r]);
            }
        }
        return launchAll(backend, spec, q, k, v, trees.parents(), rowsPerLaunch);
    }

    /**
     * As {@link #attend(GpuBackend, AttentionSpec, ColumnView, ColumnView, ColumnView, ColumnView, int)},
     * but an invalid row (a NULL q, k or v, wrong lengths, a bad tree) does not stop the call: its
     * {@code out} is NULL and {@link CudfResult#errors} holds its reason, the reason the row path
     * gives under {@code onInvalidRow=null}. Only the valid rows are launched. Zero rows give empty
     * columns.
     */
    public static CudfResult attendOrNull(
            GpuBackend backend,
            AttentionSpec spec,
            ColumnView q,
            ColumnView k,
            ColumnView v,
            ColumnView tree,
            int rowsPerLaunch) {
        TreeRows trees = ListColumnsHost.trees(tree, q.getRowCount());
        String[] reasons = check(spec, q, k, v, trees);
        int invalid = RowReasons.invalid(reasons);
        ColumnVector out;
        if (invalid == 0) {
            out = launchAll(backend, spec, q, k, v, trees.parents(), rowsPerLaunch);
        } else if (invalid == reasons.length) {
            out = ValidRows.allNull(reasons.length);
        } else {
            int[][] kept = ValidRows.keptParents(reasons, trees.parents());
            out = ValidRows.launch(
                    reasons,
                    new ColumnView[] {q, k, v},
                    c -> launchAll(backend, spec, c[0], c[1], c[2], kept, rowsPerLaunch));
        }
        try {
            return new CudfResult(out, ValidRows.errors(reasons), invalid);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private static String[] check(AttentionSpec spec, ColumnView q, ColumnView k, ColumnView v, TreeRows trees) {
        int rows = Math.toIntExact(q.getRowCount());
        for (ColumnView c : new ColumnView[] {q, k, v}) {
            ListColumnsHost.requireBytes(c, rows);
        }
        if (rows == 0) {
            return new String[0];
        }
        int[][] offsets = {ListColumnsHost.offsets(q), ListColumnsHost.offsets(k), ListColumnsHost.offsets(v)};
        boolean[][] nulls = {ListColumnsHost.nulls(q), ListColumnsHost.nulls(k), ListColumnsHost.nulls(v)};
        return RowReasons.of(spec, offsets, nulls, trees);
    }

    /**
     * Every row valid (checked; {@code parents} read by the check, null for chains), in launches of at
     * most {@code rowsPerLaunch} rows.
     */
    private static ColumnVector launchAll(
            GpuBackend backend,
            AttentionSpec spec,
            ColumnView q,
            ColumnView k,
            ColumnView v,
            int[][] parents,
            int rowsPerLaunch) {
        int rows = Math.toIntExact(q.getRowCount());
        if (rows == 0) {
            return q.copyToColumnVector();
        }
        if (rows <= rowsPerLaunch) {
            return launch(backend, spec, q, k, v, parents);
        }
        ColumnVector[] outs = new ColumnVector[(rows + rowsPerLaunch - 1) / rowsPerLaunch];
        try {
            for (int n = 0; n < outs.length; n++) {
                int from = n * rowsPerLaunch;
                int to = Math.min(rows, from + rowsPerLaunch);
                try (ColumnView qs = ListSlices.rows(q, from, to);
                        ColumnView ks = ListSlices.rows(k, from, to);
                        ColumnView vs = ListSlices.rows(v, from, to)) {
                    outs[n] = launch(
                            backend, spec, qs, ks, vs, parents == null ? null : Arrays.copyOfRange(parents, from, to));
                }
            }
            return ColumnVector.concatenate(outs);
        } finally {
            for (ColumnVector c : outs) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    private static ColumnVector launch(
            GpuBackend backend, AttentionSpec spec, ColumnView q, ColumnView k, ColumnView v, int[][] parents) {
        ListColumnsLayout layout = ListColumnsLayout.of(
                spec, ListColumnsHost.offsets(q), ListColumnsHost.offsets(k), ListColumnsHost.offsets(v), parents);
        KernelLauncher launcher = KernelLauncher.of(backend);
        LaunchPlan plan = LaunchPlan.ofPlaced(spec, layout.shapes(), layout.placement(), launcher.deviceLimits());
        Cuda.DEFAULT_STREAM.sync();
        long outBytes = layout.qBytes(spec);
        TableArena arena = TableArena.of(plan, outBytes);
        try (CudaStream stream = CudaStream.create(launcher.context());
                DeviceBuffer device = DeviceBuffer.allocate(arena.bytes(), stream);
                PinnedBuffer tables = PinnedBuffer.allocate(arena.tableBytes())) {
            arena.pack(plan, tables);
            device.copyFromHostAsync(0, tables, 0, arena.tableBytes(), stream);
            long kvBytes = (long) layout.placement().kvTokens() * spec.kvTokenBytes();
            DeviceBuffers b = arena.buffers(
                    device.address(),
                    ListData.rowZeroAddress(q, layout.qFirstByte(), layout.qFirstByte() + outBytes),
                    ListData.rowZeroAddress(k, layout.kFirstByte(), layout.kFirstByte() + kvBytes),
                    ListData.rowZeroAddress(v, layout.vFirstByte(), layout.vFirstByte() + kvBytes));
            launcher.launch(plan, b, stream);
            stream.synchronize();
            return outColumn(q, layout, device, arena.out(), outBytes);
        }
    }

    private static ColumnVector outColumn(
            ColumnView q, ListColumnsLayout layout, DeviceBuffer device, long outOffset, long outBytes) {
        try (ColumnView qOffsets = q.getListOffsetsView();
                Scalar base = Scalar.fromInt((int) layout.qFirstByte());
                ColumnVector offsets = qOffsets.sub(base, DType.INT32);
                BaseDeviceMemoryBuffer outData = device.cudf().slice(outOffset, outBytes);
                ColumnView child = new ColumnView(DType.UINT8, outBytes, Optional.of(0L), outData, null);
                ColumnView list = new ColumnView(
                        DType.LIST, q.getRowCount(), Optional.of(0L), null, offsets.getData(), new ColumnView[] {child
                        })) {
            return list.copyToColumnVector();
        }
    }
}
