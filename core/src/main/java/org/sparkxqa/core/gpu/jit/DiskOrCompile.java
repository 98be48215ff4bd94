package org.sparkxqa.core.gpu.jit;

import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkxqa.core.gpu.nvrtc.CompileOptions;
import org.sparkxqa.core.gpu.nvrtc.Nvrtc;

/**
 * How {@link JitCache} obtains a CUBIN it does not hold in memory: the disk cache when it has a valid
 * file, else NVRTC (then stored to disk). A corrupt file is logged and counted, then overwritten; a
 * failed store is logged and counted, and the CUBIN is still returned. Stateless; thread-safe.
 */
final class DiskOrCompile {
  private static final Logger LOG = LoggerFactory.getLogger(DiskOrCompile.class);

  private DiskOrCompile() {}

  /** {@code disk} may be null (memory-only cache). */
  static CompiledKernel get(JitKey key, DiskCache disk, Nvrtc nvrtc, KernelSources sources, JitStats stats) {
    if (disk != null) {
      long t0 = System.nanoTime();
      try {
        Optional<byte[]> cubin = disk.load(key);
        if (cubin.isPresent()) {
          long dt = System.nanoTime() - t0;
          stats.diskHits.increment();
          stats.diskLoadNanos.add(dt);
          return new CompiledKernel(key, cubin.get(), CompiledKernel.Origin.DISK, dt);
        }
      } catch (CubinFile.CorruptException e) {
        stats.corruptFiles.increment();
        LOG.warn("JIT cache file is corrupt, recompiling and overwriting it: {}", e.getMessage());
      } catch (IOException e) {
        LOG.warn("cannot read JIT cache file {}, recompiling: {}", disk.pathOf(key), e.toString());
      }
    }
    long t0 = System.nanoTime();
    byte[] cubin = nvrtc.compile(sources.program(), CompileOptions.of(key.arch(), key.variant().macros()));
    long dt = System.nanoTime() - t0;
    stats.compiles.increment();
    stats.compileNanos.add(dt);
    LOG.info("JIT compiled {} in {} ms ({} bytes)", key, dt / 1_000_000, cubin.length);
    if (disk != null) {
      try {
        disk.store(key, cubin);
      } catch (IOException e) {
        stats.diskWriteFailures.increment();
        LOG.warn("cannot write JIT cache file {}: {}", disk.pathOf(key), e.toString());
      }
    }
    return new CompiledKernel(key, cubin, CompiledKernel.Origin.COMPILED, dt);
  }
}
