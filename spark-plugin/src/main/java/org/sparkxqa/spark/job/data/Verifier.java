package org.sparkxqa.spark.job.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.InvalidRequestException;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.reference.Float64Attention;
import org.sparkxqa.core.reference.RelativeError;
import org.sparkxqa.spark.eval.RequestInput;
import org.sparkxqa.spark.job.error.UserInputException;

/**
 * Checks a run's output: recomputes a sample of rows with {@link Float64Attention} on the driver and
 * reports the worst {@link RelativeError}. Rows whose {@code out} is NULL (invalid rows) are counted,
 * not sampled. Stateless; each call works on its own Dataset.
 */
public final class Verifier {
    private Verifier() {}

    /** What {@code verify} found. {@code worstRowId} is null when nothing was sampled. */
    public record Report(
            long rows, long nullOutRows, int sampled, double worstError, String worstRowId, double tolerance) {
        /** Whether rows were sampled and the worst error is within the tolerance. */
        public boolean passed() {
            return sampled > 0 && worstError <= tolerance;
        }
    }

    /**
     * @param output a run's output (with {@code out})
     * @param sample most rows to recompute
     * @param seed sampling seed
     */
    public static Report verify(
            Dataset<Row> output, AttentionSpec spec, String treeColumn, boolean treeRequired, int sample, long seed) {
        if (!List.of(output.schema().fieldNames()).contains(RequestColumns.OUT)) {
            throw new UserInputException(
                    "input has no '" + RequestColumns.OUT + "' column: give verify the output of run");
        }
        RequestColumns columns = RequestColumns.resolve(output.schema(), treeColumn, treeRequired);
        int out = output.schema().fieldIndex(RequestColumns.OUT);
        Row counts = output.agg(count(lit(1)), count(col(RequestColumns.OUT))).first();
        long rows = counts.getLong(0);
        long validRows = counts.getLong(1);
        Dataset<Row> valid = output.where(col(RequestColumns.OUT).isNotNull());
        if (validRows > sample) {
            valid = valid.sample(false, Math.min(1.0, 1.5 * sample / validRows), seed);
        }
        List<Row> picked = valid.limit(sample).collectAsList();
        double tolerance = RelativeError.tolerance(spec);
        double worst = 0;
        String worstId = null;
        for (int i = 0; i < picked.size(); i++) {
            Row row = picked.get(i);
            RequestInput in = columns.read(row, 0, i);
            double error = error(spec, in, (byte[]) row.get(out));
            if (worstId == null || error > worst || Double.isNaN(error)) {
                worst = error;
                worstId = in.rowId();
            }
        }
        return new Report(rows, rows - validRows, picked.size(), worst, worstId, tolerance);
    }

    private static double error(AttentionSpec spec, RequestInput in, byte[] out) {
        try {
            if (in.readError() != null) {
                throw new InvalidRequestException(in.readError());
            }
            Request.of(spec, in.q(), in.k(), in.v(), in.parents(), in.packedMask());
        } catch (InvalidRequestException e) {
            throw new UserInputException("row " + in.rowId() + " has an out value but does not fit the given spec ("
                    + e.reason() + "); were the same --dtype/--q-heads/--kv-heads/--head-dim used for run?");
        }
        double[] ref = Float64Attention.attend(
                spec,
                RequestInput.array(in.q()),
                RequestInput.array(in.k()),
                RequestInput.array(in.v()),
                in.parents(),
                in.packedMask());
        return RelativeError.of(spec.qType(), out, ref);
    }
}
