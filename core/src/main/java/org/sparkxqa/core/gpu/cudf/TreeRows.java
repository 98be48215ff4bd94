package org.sparkxqa.core.gpu.cudf;

/**
 * The draft trees of a LIST&lt;INT32&gt; column as the host read them: each row's parents (null for a
 * NULL row or no tree column: a chain) and, for a row holding a NULL element, why it cannot be read
 * ({@code tree[t] is NULL}, the row path's reason). Immutable once built.
 *
 * @param parents per row, or null for no tree column
 * @param errors per row, or null for no tree column
 */
record TreeRows(int[][] parents, String[] errors) {

    /** No tree column: every row is a chain. */
    static final TreeRows NONE = new TreeRows(null, null);

    /** Row {@code r}'s parents, or null for a chain. */
    int[] parents(int r) {
        return parents == null ? null : parents[r];
    }

    /** Why row {@code r}'s tree cannot be read, or null. */
    String error(int r) {
        return errors == null ? null : errors[r];
    }
}
