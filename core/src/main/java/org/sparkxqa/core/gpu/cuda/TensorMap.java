package org.sparkxqa.core.gpu.cuda;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Hopper tensor-memory-accelerator descriptors ({@code CUtensorMap}: 128 opaque bytes), tiled, with
 * 64-byte L2 promotion and zeros for boxes that reach past the tensor: of 16-bit elements with 128-byte
 * swizzle ({@link #tiled16}), or of bytes without swizzle ({@link #tiled8}, fp8 K/V). Encoded on the
 * host by the driver ({@code cuTensorMapEncodeTiled}); a kernel takes one by value
 * ({@link KernelArgs#struct}). Every argument is checked here first, so a bad shape is an
 * {@link IllegalArgumentException} that names it rather than a driver code. Stateless; thread-safe.
 */
public final class TensorMap {
    /** Bytes of a {@code CUtensorMap}. */
    public static final int BYTES = 128;
    /** Alignment a {@code CUtensorMap} parameter needs. */
    public static final int ALIGNMENT = 64;

    private static final int UINT8 = 0;
    private static final int UINT16 = 1;
    private static final int INTERLEAVE_NONE = 0;
    private static final int SWIZZLE_NONE = 0;
    private static final int SWIZZLE_128B = 3;
    private static final int L2_PROMOTION_64B = 1;
    private static final int OOB_FILL_ZEROS = 0;

    private TensorMap() {}

    /**
     * Encodes a map of a tensor of 16-bit elements at device {@code address}, dimension 0 fastest, with
     * 128-byte swizzle.
     *
     * @param dims elements per dimension (1..2^32), rank 1..5
     * @param byteStrides bytes between consecutive indices of dimensions 1..rank-1 (multiples of 16)
     * @param box elements one copy moves per dimension (1..256; a box row, box[0] * 2 bytes, is a multiple
     *     of 16 up to 128, the swizzle span); a box may reach past the tensor (zeros are read)
     * @throws IllegalArgumentException naming the first bad argument
     * @throws CudaException when the driver still refuses
     */
    public static byte[] tiled16(long address, long[] dims, long[] byteStrides, int[] box) {
        checkShape(address, dims, byteStrides, box);
        check(
                box[0] * 2 <= 128 && box[0] * 2 % 16 == 0,
                "box row of " + box[0] * 2 + " bytes is not a multiple of 16 up to the 128-byte swizzle span");
        return encode(UINT16, SWIZZLE_128B, address, dims, byteStrides, box);
    }

    /**
     * Encodes a map of a tensor of bytes (fp8 codes) at device {@code address}, dimension 0 fastest,
     * without swizzle: a box lands in shared memory dense, row after row.
     *
     * @param box elements one copy moves per dimension (1..256; a box row, box[0] bytes, is a multiple of 16)
     * @throws IllegalArgumentException naming the first bad argument (as {@link #tiled16})
     * @throws CudaException when the driver still refuses
     */
    public static byte[] tiled8(long address, long[] dims, long[] byteStrides, int[] box) {
        checkShape(address, dims, byteStrides, box);
        check(box[0] % 16 == 0, "box row of " + box[0] + " bytes is not a multiple of 16");
        return encode(UINT8, SWIZZLE_NONE, address, dims, byteStrides, box);
    }

    private static void checkShape(long address, long[] dims, long[] byteStrides, int[] box) {
        int rank = dims.length;
        check(
                rank >= 1 && rank <= 5 && box.length == rank && byteStrides.length == rank - 1,
                "rank " + rank + " with " + box.length + " box dims and " + byteStrides.length + " strides");
        check(
                address != 0 && (address & 15) == 0,
                "address 0x" + Long.toHexString(address) + " is null or not 16-byte aligned");
        for (int i = 0; i < rank; i++) {
            check(dims[i] >= 1 && dims[i] <= 1L << 32, "dimension " + i + " = " + dims[i] + " is outside 1..2^32");
            check(box[i] >= 1 && box[i] <= 256, "box dimension " + i + " = " + box[i] + " is outside 1..256");
        }
        for (int i = 0; i < rank - 1; i++) {
            check(
                    byteStrides[i] > 0 && byteStrides[i] % 16 == 0 && byteStrides[i] < 1L << 40,
                    "stride " + (i + 1) + " = " + byteStrides[i]
                            + " bytes is not a positive multiple of 16 below 2^40");
        }
    }

    private static byte[] encode(int dataType, int swizzle, long address, long[] dims, long[] byteStrides, int[] box) {
        int rank = dims.length;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(BYTES, ALIGNMENT);
            MemorySegment d = arena.allocateFrom(JAVA_LONG, dims);
            MemorySegment s = arena.allocateFrom(JAVA_LONG, byteStrides.length == 0 ? new long[1] : byteStrides);
            MemorySegment b = arena.allocateFrom(JAVA_INT, box);
            MemorySegment e = arena.allocateFrom(JAVA_INT, ones(rank));
            CudaStatus.check(
                    DriverFfm.tensorMapEncodeTiled(
                            out,
                            dataType,
                            rank,
                            address,
                            d,
                            s,
                            b,
                            e,
                            INTERLEAVE_NONE,
                            swizzle,
                            L2_PROMOTION_64B,
                            OOB_FILL_ZEROS),
                    "cuTensorMapEncodeTiled");
            return out.toArray(JAVA_BYTE);
        }
    }

    /** A map of zeros, for a kernel variant that takes the parameter but does not use it. */
    public static byte[] unused() {
        return new byte[BYTES];
    }

    private static int[] ones(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 1);
        return a;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("tensor map: " + what);
        }
    }
}
