package org.sparkxqa.core;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;

/**
 * The element type of q, k, v and out: the 16-bit types (q, out, k/v) and the OCP fp8 types (k/v only;
 * DESIGN.md, fp8 section). Values are stored little-endian, {@link #bytes()} bytes per element.
 * Encoding rounds to nearest, ties to even; NaN stays NaN; fp8 overflow is described at
 * {@link #encode}. Stateless and thread-safe.
 */
public enum ElementType {
    /** IEEE 754 binary16. */
    FP16("fp16", 2, null),
    /** bfloat16: the top 16 bits of an IEEE 754 binary32. */
    BF16("bf16", 2, null),
    /** OCP fp8 E4M3 (bias 7, subnormals, no infinities, max 448, NaN {@code S.1111.111}); k/v only. */
    E4M3("e4m3", 1, Fp8Format.E4M3),
    /** OCP fp8 E5M2 (bias 15, subnormals, IEEE-like infinities and NaNs, max 57344); k/v only. */
    E5M2("e5m2", 1, Fp8Format.E5M2);

    private static final ValueLayout.OfShort LE_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final String sqlName;
    private final int bytes;
    private final Fp8Format fp8;

    ElementType(String sqlName, int bytes, Fp8Format fp8) {
        this.sqlName = sqlName;
        this.bytes = bytes;
        this.fp8 = fp8;
    }

    /** The name used in SQL, the CLI and config: {@code fp16}, {@code bf16}, {@code e4m3} or {@code e5m2}. */
    public String sqlName() {
        return sqlName;
    }

    /** Bytes per element: 2 for fp16/bf16, 1 for e4m3/e5m2. */
    public int bytes() {
        return bytes;
    }

    /** Whether this is an fp8 type, which only k and v may have. */
    public boolean isFp8() {
        return fp8 != null;
    }

    /** The largest finite value: 65504, about 3.39e38, 448 and 57344. */
    public float maxFinite() {
        return switch (this) {
            case FP16 -> 65504f;
            case BF16 -> Float.intBitsToFloat(0x7F7F0000);
            default -> fp8.maxFinite();
        };
    }

    /**
     * Parses {@code fp16}/{@code bf16}/{@code e4m3}/{@code e5m2} (any case; also {@code half},
     * {@code bfloat16}, {@code fp8_e4m3}, {@code fp8_e5m2}); anything else is an error that lists them.
     */
    public static ElementType parse(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (ElementType t : values()) {
                if (t.sqlName.equals(n)
                        || n.equals("fp8_" + t.sqlName)
                        || (t == FP16 && n.equals("half"))
                        || (t == BF16 && n.equals("bfloat16"))) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException(
                "unsupported element type '" + name + "': supported are " + Arrays.toString(sqlNames()));
    }

    static String[] sqlNames() {
        return Arrays.stream(values()).map(ElementType::sqlName).toArray(String[]::new);
    }

    /** Decodes one element from its bit pattern: the low {@code 8 * bytes()} bits of {@code bits}. */
    public float decode(int bits) {
        return switch (this) {
            case FP16 -> Float.float16ToFloat((short) bits);
            case BF16 -> Float.intBitsToFloat((bits & 0xFFFF) << 16);
            default -> fp8.decode(bits);
        };
    }

    /**
     * Decodes the element at byte offset {@code byteOffset} of a little-endian byte view: one byte for
     * the fp8 types, two for the 16-bit ones.
     */
    public float decodeAt(MemorySegment bytes, long byteOffset) {
        if (this.bytes == 1) {
            return decode(bytes.get(ValueLayout.JAVA_BYTE, byteOffset));
        }
        return decode(bytes.get(LE_SHORT, byteOffset));
    }

    /**
     * Encodes one float, rounding to nearest even; the bit pattern is in the low {@code 8 * bytes()}
     * bits. E4M3 saturates: magnitudes above 448 and infinities give ±448. E5M2 rounds to ±infinity
     * from 61440 (max + half an ulp) on, as IEEE 754 does. NaN gives NaN ({@code S.1111.111} in fp8).
     */
    public short encode(float value) {
        if (fp8 != null) {
            return (short) fp8.encode(value);
        }
        if (this == FP16) {
            return Float.floatToFloat16(value);
        }
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }

    /** Decodes a whole little-endian array; its length must be a multiple of {@link #bytes()}. */
    public float[] decodeAll(byte[] bytes) {
        return decodeAll(MemorySegment.ofArray(bytes));
    }

    /**
     * Decodes every element of a little-endian byte view (heap or off-heap, as {@link Request#q()} and
     * friends return); its size must be a multiple of {@link #bytes()}. The view is only read, never kept.
     */
    public float[] decodeAll(MemorySegment bytes) {
        if (bytes.byteSize() % this.bytes != 0) {
            throw new IllegalArgumentException("odd byte length " + bytes.byteSize() + " for " + sqlName);
        }
        float[] out = new float[Math.toIntExact(bytes.byteSize() / this.bytes)];
        for (int i = 0; i < out.length; i++) {
            out[i] = decodeAt(bytes, (long) this.bytes * i);
        }
        return out;
    }

    /** Encodes a whole array to little-endian bytes. */
    public byte[] encodeAll(float[] values) {
        byte[] out = new byte[values.length * bytes];
        for (int i = 0; i < values.length; i++) {
            short s = encode(values[i]);
            out[bytes * i] = (byte) s;
            if (bytes == 2) {
                out[2 * i + 1] = (byte) (s >>> 8);
            }
        }
        return out;
    }
}
