package org.sparkxqa.spark.job;

import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The request shape flags shared by the subcommands: types, head counts and head dim. */
final class ShapeOptions {
    @Option(
            names = "--dtype",
            paramLabel = "bf16|fp16",
            converter = Converters.Dtype.class,
            description = "Type of q and out (and of k/v unless --kv-dtype is given).")
    ElementType dtype;

    @Option(
            names = "--kv-dtype",
            paramLabel = "bf16|fp16|e4m3|e5m2",
            converter = Converters.Dtype.class,
            description = "Type of k and v (default: --dtype); e4m3/e5m2 are fp8, see --k-scale/--v-scale.")
    ElementType kvDtype;

    @Option(names = "--q-heads", paramLabel = "H", description = "Query heads Hq.")
    Integer qHeads;

    @Option(names = "--kv-heads", paramLabel = "K", description = "KV heads Hkv (Hq/Hkv must be 1..32).")
    Integer kvHeads;

    @Option(names = "--head-dim", paramLabel = "D", description = "Head dim: 64, 128 or 256.")
    Integer headDim;

    /**
     * The validated shape (default scale, no window). With {@code required}, the four main flags must
     * be given; otherwise missing ones default to bf16, Hq=8, Hkv=2, D=128.
     *
     * @throws ParameterException naming the missing flag or what the spec breaks (a usage error)
     */
    AttentionSpec spec(CommandSpec command, boolean required) {
        if (required) {
            requireGiven(command, dtype, "--dtype");
            requireGiven(command, qHeads, "--q-heads");
            requireGiven(command, kvHeads, "--kv-heads");
            requireGiven(command, headDim, "--head-dim");
        }
        ElementType q = dtype == null ? ElementType.BF16 : dtype;
        try {
            return new AttentionSpec(
                    q,
                    kvDtype == null ? q : kvDtype,
                    orElse(qHeads, 8),
                    orElse(kvHeads, 2),
                    orElse(headDim, 128),
                    AttentionSpec.defaultScale(Math.max(1, orElse(headDim, 128))),
                    0);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
    }

    private static int orElse(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static void requireGiven(CommandSpec command, Object value, String flag) {
        if (value == null) {
            throw new ParameterException(command.commandLine(), "Missing required option: '" + flag + "'");
        }
    }
}
