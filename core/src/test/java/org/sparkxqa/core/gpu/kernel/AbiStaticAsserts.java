package org.sparkxqa.core.gpu.kernel;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.util.List;
import java.util.Map;
import org.sparkxqa.core.AttentionSpec;

/**
 * A CUDA translation unit that includes {@code xqa_describe.cuh} and {@code static_assert}s what the
 * host believes: each struct's size, every field's size and position in {@link AbiLayouts} (NVRTC has
 * no {@code offsetof}: a probe initialised {1, 2, 3, ...} in declaration order must hold i + 1 in the
 * host's field i, and with the sizes equal and the host's layouts unpadded that fixes every offset),
 * the kernel's query-token limit, and the {@code XqaDescribe} numbers {@link KernelGeometry} expects of a variant on a target. NVRTC
 * then fails to compile it, naming the field, exactly where CUDA and Java disagree.
 */
final class AbiStaticAsserts {
    static final String NAME = "xqa_abi_check.cu";

    private AbiStaticAsserts() {}

    /** The source for a module whose {@code warpgroup_per_m_tile} etc. are {@code flags} (0 or 1 each). */
    static String source(Map<String, Integer> expected, Map<String, Integer> flags) {
        return source(List.of(AbiLayouts.all()), expected, flags);
    }

    /** As {@link #source(Map, Map)} with the host's struct layouts {@code structs} (tests give wrong ones). */
    static String source(List<StructLayout> structs, Map<String, Integer> expected, Map<String, Integer> flags) {
        StringBuilder s = new StringBuilder("#include \"xqa_describe.cuh\"\n");
        assertThat(
                s,
                "xqa::MAX_LQ == " + AttentionSpec.MAX_Q_LEN,
                "at most " + AttentionSpec.MAX_Q_LEN + " query tokens per request");
        for (StructLayout struct : structs) {
            String c = struct.name().orElseThrow();
            assertThat(s, "sizeof(" + c + ") == " + struct.byteSize(), c + " is " + struct.byteSize() + " bytes");
            String probe = "xqa_probe_" + c;
            s.append("constexpr ").append(c).append(' ').append(probe).append('{');
            for (int i = 0; i < struct.memberLayouts().size(); i++) {
                s.append(i == 0 ? "" : ", ").append(i + 1);
            }
            s.append("};\n");
            int position = 0;
            for (MemoryLayout m : struct.memberLayouts()) {
                String f = m.name().orElseThrow();
                long offset = struct.byteOffset(MemoryLayout.PathElement.groupElement(f));
                position++;
                assertThat(
                        s,
                        probe + "." + f + " == " + position,
                        c + "." + f + " as field " + position + ", at byte " + offset);
                assertThat(
                        s,
                        "sizeof(" + c + "::" + f + ") == " + m.byteSize(),
                        c + "." + f + " has " + m.byteSize() + " bytes");
            }
        }
        s.append("constexpr XqaDescribe xqa_expected = xqa_description();\n");
        expected.forEach((f, v) -> assertThat(s, "xqa_expected." + f + " == " + v, "XqaDescribe." + f + " == " + v));
        flags.forEach((f, v) -> assertThat(s, "xqa_expected." + f + " == " + v, "XqaDescribe." + f + " == " + v));
        return s.append("extern \"C\" __global__ void xqa_abi_check() {}\n").toString();
    }

    private static void assertThat(StringBuilder s, String condition, String host) {
        s.append("static_assert(")
                .append(condition)
                .append(", \"the host expects ")
                .append(host)
                .append("\");\n");
    }
}
