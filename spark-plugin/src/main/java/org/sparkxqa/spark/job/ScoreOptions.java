package org.sparkxqa.spark.job;

import org.sparkxqa.core.AttentionSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The softmax flags shared by run, verify and bench: scale and sliding window. */
final class ScoreOptions {
    @Option(names = "--scale", paramLabel = "S", description = "Softmax scale (default 1/sqrt(D)).")
    Float scale;

    @Option(
            names = "--window",
            paramLabel = "W",
            defaultValue = "0",
            description = "Sliding window in tokens; 0 (default) means none.")
    int window;

    /** {@code shape} with these options applied; a bad value is a usage error. */
    AttentionSpec apply(CommandSpec command, AttentionSpec shape) {
        try {
            AttentionSpec spec = shape.withWindow(window);
            return scale == null ? spec : spec.withScale(scale);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
    }
}
