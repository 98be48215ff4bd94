package org.sparkxqa.core.gpu.kernel;

/**
 * The kernel's entry points (extern "C" names in {@code xqa_spec_dec.cu}) and where its sources
 * live on the class path.
 */
public final class KernelEntry {
  private KernelEntry() {}

  /** Attention: grid (work items, Hkv), block {@link KernelGeometry#threads}, dynamic shared memory. */
  public static final String ATTENTION = "xqa_spec_dec";
  /** Multi-block merge: grid (merge items, Hkv), block 128, no shared memory; after ATTENTION. */
  public static final String MERGE = "xqa_spec_dec_merge";
  /** Writes {@link KernelGeometry#DESCRIBE_INTS} ints of ABI numbers; grid 1, block 1. */
  public static final String DESCRIBE = "xqa_describe";
  /** Class-path folder of the sources; {@code sources.txt} in it lists them, the main .cu first. */
  public static final String RESOURCE_DIR = "org/sparkxqa/kernels/";
  /** The source list file in {@link #RESOURCE_DIR}. */
  public static final String SOURCE_LIST = "sources.txt";
}
