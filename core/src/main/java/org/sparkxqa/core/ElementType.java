package org.sparkxqa.core;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;

/**
 * A 16-bit floating point element type of q, k, v and out. Values are stored little-endian.
 * Encoding rounds to nearest, ties to even; NaN stays NaN. Stateless and thread-safe.
 */
public enum ElementType {
  /** IEEE 754 binary16. */
  FP16("fp16"),
  /** bfloat16: the top 16 bits of an IEEE 754 binary32. */
  BF16("bf16");

  private static final ValueLayout.OfShort LE_SHORT =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final String sqlName;

  ElementType(String sqlName) {
    this.sqlName = sqlName;
  }

  /** The name used in SQL, the CLI and config: {@code fp16} or {@code bf16}. */
  public String sqlName() {
    return sqlName;
  }

  /** Bytes per element (2). */
  public int bytes() {
    return 2;
  }

  /** Parses {@code fp16}/{@code bf16} (any case); anything else is an error that lists both. */
  public static ElementType parse(String name) {
    if (name != null) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      for (ElementType t : values()) {
        if (t.sqlName.equals(n) || (t == FP16 && n.equals("half")) || (t == BF16 && n.equals("bfloat16"))) {
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

  /** Decodes one element from its bit pattern. */
  public float decode(short bits) {
    return this == FP16 ? Float.float16ToFloat(bits) : Float.intBitsToFloat((bits & 0xFFFF) << 16);
  }

  /** Encodes one float, rounding to nearest even. */
  public short encode(float value) {
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

  /** Decodes a whole little-endian array; {@code bytes.length} must be even. */
  public float[] decodeAll(byte[] bytes) {
    return decodeAll(MemorySegment.ofArray(bytes));
  }

  /**
   * Decodes every element of a little-endian byte view (heap or off-heap, as {@link Request#q()} and
   * friends return); its size must be even. The view is only read, never kept.
   */
  public float[] decodeAll(MemorySegment bytes) {
    if ((bytes.byteSize() & 1) != 0) {
      throw new IllegalArgumentException("odd byte length " + bytes.byteSize() + " for " + sqlName);
    }
    float[] out = new float[Math.toIntExact(bytes.byteSize() / 2)];
    for (int i = 0; i < out.length; i++) {
      out[i] = decode(bytes.get(LE_SHORT, 2L * i));
    }
    return out;
  }

  /** Decodes the element at byte offset {@code byteOffset} of a little-endian byte view. */
  public float decodeAt(MemorySegment bytes, long byteOffset) {
    return decode(bytes.get(LE_SHORT, byteOffset));
  }

  /** Encodes a whole array to little-endian bytes. */
  public byte[] encodeAll(float[] values) {
    ByteBuffer out = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < values.length; i++) {
      out.putShort(2 * i, encode(values[i]));
    }
    return out.array();
  }
}
