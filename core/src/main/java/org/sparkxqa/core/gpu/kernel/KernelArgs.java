package org.sparkxqa.core.gpu.kernel;

import java.util.List;
import jcuda.Pointer;

/**
 * Kernel parameters for {@code cuLaunchKernel}: one {@link Pointer} per parameter, in the order of
 * the extern "C" signature (no struct by value), as JCuda expects for {@code kernelParams}.
 *
 * <pre>
 * xqa_spec_dec(q, k, v, out, masks, requests, work, scratch_o, scratch_ml,   // 9 device pointers
 *              float scale_log2, int window, int split_tokens, int stages)
 * xqa_spec_dec_merge(out, requests, merge_items, scratch_o, scratch_ml)       // 5 device pointers
 * </pre>
 */
public final class KernelArgs {
  private KernelArgs() {}

  /** The attention kernel's parameter values, in order (Long: device pointer, Float, Integer). */
  public static List<Object> attentionValues(LaunchPlan plan, DeviceBuffers b) {
    return List.of(b.q(), b.k(), b.v(), b.out(), b.masks(), b.requests(), b.work(), b.scratchO(), b.scratchMl(),
        plan.scaleLog2(), plan.spec().window(), LaunchPlan.SPLIT_TOKENS, plan.stages());
  }

  /** The merge kernel's parameter values, in order (all device pointers). */
  public static List<Object> mergeValues(DeviceBuffers b) {
    return List.of(b.out(), b.requests(), b.merge(), b.scratchO(), b.scratchMl());
  }

  /** {@code kernelParams} of the attention kernel. */
  public static Pointer attention(LaunchPlan plan, DeviceBuffers b) {
    return pack(attentionValues(plan, b));
  }

  /** {@code kernelParams} of the merge kernel. */
  public static Pointer merge(DeviceBuffers b) {
    return pack(mergeValues(b));
  }

  static Pointer pack(List<Object> values) {
    Pointer[] params = new Pointer[values.size()];
    for (int i = 0; i < params.length; i++) {
      Object v = values.get(i);
      params[i] = switch (v) {
        case Long p -> Pointer.to(new long[] {p});
        case Float f -> Pointer.to(new float[] {f});
        case Integer n -> Pointer.to(new int[] {n});
        default -> throw new IllegalArgumentException("unsupported kernel parameter " + v);
      };
    }
    return Pointer.to(params);
  }
}
