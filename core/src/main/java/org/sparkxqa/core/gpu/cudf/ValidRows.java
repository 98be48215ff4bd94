package org.sparkxqa.core.gpu.cudf;

import ai.rapids.cudf.ColumnVector;
import ai.rapids.cudf.ColumnView;
import ai.rapids.cudf.DType;
import ai.rapids.cudf.HostColumnVector;
import ai.rapids.cudf.OutOfBoundsPolicy;
import ai.rapids.cudf.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a launch over only the valid rows of some columns and spreads its output back over all rows:
 * the valid rows are selected on the device ({@code Table.filter}; cuDF's
 * {@code ColumnView.applyBooleanMask} filters the elements inside each list instead), launched, and
 * the output is gathered back with NULLIFY, so an invalid row's {@code out} is NULL. Each call owns and closes its
 * intermediate columns. Stateless.
 */
final class ValidRows {
    private ValidRows() {}

    /**
     * @param reasons per row, null where the row is valid; at least one row valid
     * @param columns the columns the launch reads (a null entry stays null)
     * @param launch the output of the given (all valid) columns, one row each
     * @return the output with one row per reason, NULL where the reason is set
     */
    static ColumnVector launch(String[] reasons, ColumnView[] columns, Function<ColumnView[], ColumnVector> launch) {
        boolean[] valid = new boolean[reasons.length];
        int kept = 0;
        for (int r = 0; r < reasons.length; r++) {
            valid[r] = reasons[r] == null;
            kept += valid[r] ? 1 : 0;
        }
        int[] gather = new int[reasons.length];
        int next = 0;
        for (int r = 0; r < reasons.length; r++) {
            gather[r] = valid[r] ? next++ : kept; // out of bounds: NULLIFY makes it NULL
        }
        ColumnVector[] selected = new ColumnVector[columns.length];
        try {
            select(columns, valid, selected);
            try (ColumnVector compact = launch.apply(selected);
                    Table outs = new Table(compact);
                    ColumnVector map = ColumnVector.fromInts(gather);
                    Table spread = outs.gather(map, OutOfBoundsPolicy.NULLIFY)) {
                return spread.getColumn(0).incRefCount();
            }
        } finally {
            closeAll(selected);
        }
    }

    /**
     * The rows of {@code columns} where {@code valid} is set, into {@code selected} (null stays null).
     * {@code Table.filter} needs columns, not views, so a view is copied to a column first.
     */
    private static void select(ColumnView[] columns, boolean[] valid, ColumnVector[] selected) {
        List<Integer> present = new ArrayList<>();
        ColumnVector[] owned = new ColumnVector[columns.length];
        try {
            for (int c = 0; c < columns.length; c++) {
                if (columns[c] != null) {
                    present.add(c);
                    owned[c] = columns[c] instanceof ColumnVector v ? v.incRefCount() : columns[c].copyToColumnVector();
                }
            }
            ColumnVector[] inputs = present.stream().map(c -> owned[c]).toArray(ColumnVector[]::new);
            try (Table all = new Table(inputs);
                    ColumnVector mask = ColumnVector.fromBooleans(valid);
                    Table kept = all.filter(mask)) {
                for (int i = 0; i < present.size(); i++) {
                    selected[present.get(i)] = kept.getColumn(i).incRefCount();
                }
            }
        } finally {
            closeAll(owned);
        }
    }

    private static void closeAll(ColumnVector[] columns) {
        for (ColumnVector c : columns) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** The parents of the rows whose reason is null, in order (null for no tree column). */
    static int[][] keptParents(String[] reasons, int[][] parents) {
        if (parents == null) {
            return null;
        }
        List<int[]> kept = new ArrayList<>();
        for (int r = 0; r < reasons.length; r++) {
            if (reasons[r] == null) {
                kept.add(parents[r]);
            }
        }
        return kept.toArray(int[][]::new);
    }

    /** A LIST&lt;UINT8&gt; column of {@code rows} NULL rows. */
    static ColumnVector allNull(int rows) {
        @SuppressWarnings("unchecked")
        List<Byte>[] nulls = (List<Byte>[]) new List<?>[rows];
        return ColumnVector.<Byte>fromLists(
                new HostColumnVector.ListType(true, new HostColumnVector.BasicType(true, DType.UINT8)), nulls);
    }

    /** The reasons as a STRING column, NULL for a valid row. */
    static ColumnVector errors(String[] reasons) {
        return ColumnVector.fromStrings(reasons);
    }
}
