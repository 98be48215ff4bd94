package org.sparkxqa.core.gpu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.KernelVariant;

class KernelSourcesTest {

  @Test
  void loadsTheMainSourceFirstAndEveryIncludedHeader() {
    List<KernelSources.Source> src = KernelSources.load();
    assertEquals("xqa_spec_dec.cu", src.get(0).name());
    for (KernelSources.Source s : src) {
      assertTrue(s.text().length() > 100, s.name());
      for (String line : s.text().split("\n")) {
        if (line.startsWith("#include")) {
          String header = line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'));
          assertTrue(src.stream().anyMatch(x -> x.name().equals(header)), s.name() + " includes unlisted " + header);
        }
      }
      assertTrue(!s.text().contains("#include <"), s.name() + " includes a toolkit header");
    }
    assertTrue(src.get(0).text().contains(KernelEntry.ATTENTION + "("));
    assertTrue(src.get(0).text().contains(KernelEntry.MERGE + "("));
    assertTrue(src.get(0).text().contains(KernelEntry.DESCRIBE + "("));
  }

  @Test
  void optionsCarryTargetAndMacros() {
    KernelVariant v = new KernelVariant(ElementType.FP16, ElementType.BF16, 128, 4);
    assertEquals(List.of("-arch=sm_90", "-std=c++17", "-DXQA_GROUP=4", "-DXQA_HEAD_DIM=128", "-DXQA_KV_TYPE=1",
        "-DXQA_Q_TYPE=0"), KernelSources.options(v, 9, 0));
    assertThrows(IllegalArgumentException.class, () -> KernelSources.options(v, 7, 5));
  }
}
