package org.sparkxqa.spark.job;

import org.sparkxqa.core.AttentionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The options that make a whole {@link AttentionSpec} for the commands that evaluate (run, verify,
 * bench): the shape ({@link ShapeOptions}), the score options ({@link ScoreOptions}) and the K/V
 * scales ({@link KvScaleOptions}). Filled by picocli; one per command invocation.
 */
final class SpecOptions {
    @Mixin
    ShapeOptions shape;

    @Mixin
    ScoreOptions score;

    @Mixin
    KvScaleOptions kvScales;

    /** The spec the options give; {@code required}: the shape options must all be given (see {@link ShapeOptions#spec}). */
    AttentionSpec spec(CommandSpec command, boolean required) {
        return kvScales.apply(command, score.apply(command, shape.spec(command, required)));
    }
}
