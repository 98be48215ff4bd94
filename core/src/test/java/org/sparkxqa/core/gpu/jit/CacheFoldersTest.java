package org.sparkxqa.core.gpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheFoldersTest {
  @Test
  void defaultRootFollowsXdg() {
    Path home = Path.of("/home/u");
    assertEquals(Path.of("/xdg/spark-xqa/jit"), CacheFolders.defaultRoot(Map.of("XDG_CACHE_HOME", "/xdg"), home));
    assertEquals(Path.of("/home/u/.cache/spark-xqa/jit"), CacheFolders.defaultRoot(Map.of(), home));
    assertEquals(Path.of("/home/u/.cache/spark-xqa/jit"), CacheFolders.defaultRoot(Map.of("XDG_CACHE_HOME", ""), home));
    assertEquals(Path.of("/home/u/.cache/spark-xqa/jit"),
        CacheFolders.defaultRoot(Map.of("XDG_CACHE_HOME", "relative/dir"), home), "XDG requires absolute paths");
  }
}
