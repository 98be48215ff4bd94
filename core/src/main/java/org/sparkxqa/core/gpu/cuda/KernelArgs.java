package org.sparkxqa.core.gpu.cuda;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jcuda.NativePointerObject;
import jcuda.Pointer;

/**
 * The parameter list of one kernel launch, in declaration order. Device pointers go in as raw
 * addresses ({@code long}), which is how a cuDF buffer's memory reaches a kernel. Not thread-safe;
 * build, launch, discard.
 */
public final class KernelArgs {
  private final List<NativePointerObject> args = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();

  /** A device pointer parameter ({@code T*}), given as a raw device address. */
  public KernelArgs pointer(long deviceAddress) {
    return add(Pointer.to(new long[] {deviceAddress}), deviceAddress);
  }

  /** A device pointer parameter pointing at the start of {@code buffer}. */
  public KernelArgs pointer(DeviceBuffer buffer) {
    return pointer(buffer.address());
  }

  /** An {@code int} parameter. */
  public KernelArgs i32(int value) {
    return add(Pointer.to(new int[] {value}), value);
  }

  /** A {@code long long} / {@code int64_t} parameter. */
  public KernelArgs i64(long value) {
    return add(Pointer.to(new long[] {value}), value);
  }

  /** A {@code float} parameter. */
  public KernelArgs f32(float value) {
    return add(Pointer.to(new float[] {value}), value);
  }

  private KernelArgs add(NativePointerObject arg, Object value) {
    args.add(arg);
    values.add(value);
    return this;
  }

  /**
   * The parameter values in order, for checks and logs: {@code Long} for pointers and {@code i64},
   * {@code Integer} for {@code i32}, {@code Float} for {@code f32}. Unmodifiable view.
   */
  public List<Object> values() {
    return Collections.unmodifiableList(values);
  }

  /** Number of parameters. */
  public int size() {
    return args.size();
  }

  /** The {@code void**} that {@code cuLaunchKernel} takes. */
  Pointer toPointer() {
    return Pointer.to(args.toArray(new NativePointerObject[0]));
  }
}
