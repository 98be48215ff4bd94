package org.sparkxqa.core.gpu.kernel;

import org.sparkxqa.core.gpu.target.SmArch;

/**
 * The kernel's entry points (extern "C" names in {@code xqa_spec_dec.cu}) and the oldest
 * architecture it targets. Its sources are read by
 * {@link org.sparkxqa.core.gpu.jit.KernelSourceLoader#kernel()}.
 */
public final class KernelEntry {
    private KernelEntry() {}

    /** Attention: grid (work items, Hkv), block {@link KernelGeometry#threads}, dynamic shared memory. */
    public static final String ATTENTION = "xqa_spec_dec";
    /** Multi-block merge: grid (merge items, Hkv), block 128, no shared memory; after ATTENTION. */
    public static final String MERGE = "xqa_spec_dec_merge";
    /** Writes an {@code XqaDescribe} ({@link KernelDescription}); grid 1, block 1. */
    public static final String DESCRIBE = "xqa_describe";
    /** The oldest target: {@code mma.sync} m16n8k16 with bf16 needs sm_80. */
    public static final SmArch MIN_ARCH = SmArch.SM_80;

    /**
     * Checks that the kernel can target {@code arch}.
     *
     * @throws IllegalArgumentException naming the architecture and the minimum
     */
    public static SmArch requireSupported(SmArch arch) {
        if (arch.compareTo(MIN_ARCH) < 0) {
            throw new IllegalArgumentException("unsupported target " + arch + " (compute capability " + arch.major()
                    + "." + arch.minor() + "): the spec-dec kernel needs " + MIN_ARCH + " or newer");
        }
        return arch;
    }
}
