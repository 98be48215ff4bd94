package org.sparkxqa.spark.job;

import org.sparkxqa.core.AttentionSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The K/V dequantisation scales shared by generate, run, verify and bench: a stored k (v) element
 * stands for its value times {@code --k-scale} ({@code --v-scale}); both default to 1.
 */
final class KvScaleOptions {
    @Option(
            names = "--k-scale",
            paramLabel = "S",
            description = "Dequantisation scale of k: real = stored x S (default 1; generate: computed for fp8 K/V).")
    Float kScale;

    @Option(
            names = "--v-scale",
            paramLabel = "S",
            description = "Dequantisation scale of v: real = stored x S (default 1; generate: computed for fp8 K/V).")
    Float vScale;

    /** Whether both scales were given. */
    boolean bothGiven() {
        return kScale != null && vScale != null;
    }

    /** {@code spec} with the given scales (those not given stay as they are); a bad value is a usage error. */
    AttentionSpec apply(CommandSpec command, AttentionSpec spec) {
        try {
            return spec.withKvScales(kScale != null ? kScale : spec.kScale(), vScale != null ? vScale : spec.vScale());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
    }
}
