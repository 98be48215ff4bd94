package org.sparkxqa.spark.exec;

import java.io.Serializable;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.ElementType;

/** An {@link AttentionSpec} in a form Spark can ship to executors (the core record is not Serializable). */
public record PortableSpec(
    ElementType qType, ElementType kvType, int qHeads, int kvHeads, int headDim, float scale, int window)
    implements Serializable {

  public static PortableSpec of(AttentionSpec spec) {
    return new PortableSpec(spec.qType(), spec.kvType(), spec.qHeads(), spec.kvHeads(), spec.headDim(),
        spec.scale(), spec.window());
  }

  public AttentionSpec toSpec() {
    return new AttentionSpec(qType, kvType, qHeads, kvHeads, headDim, scale, window);
  }
}
