package org.sparkxqa.core.gpu.jit;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link JitCache} obtains a CUBIN it does not hold in memory: the disk cache when it has a valid
 * file, else a compile under the key's {@link CompileLock} (re-checking the disk once locked: another
 * process may just have stored it), then stored to disk. A corrupt file is reported (naming the file
 * and why) and counted, then overwritten; a failed store is reported and counted, and the CUBIN is
 * still returned. Stateless; thread-safe.
 */
final class DiskOrCompile {
    /** Turns a key into a CUBIN (NVRTC in production; tests pass a fake). */
    @FunctionalInterface
    interface Compiler {
        byte[] compile(JitKey key);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DiskOrCompile.class);

    private DiskOrCompile() {}

    /**
     * @param disk may be null (memory-only cache)
     * @param warnings receives one line per problem with the disk cache (production: the WARN log)
     */
    static CompiledKernel get(
            JitKey key, DiskCache disk, Compiler compiler, JitStats stats, Consumer<String> warnings) {
        if (disk == null) {
            return compile(key, null, compiler, stats, warnings);
        }
        Lookup first = load(key, disk, stats, warnings);
        if (first.kernel != null) {
            return first.kernel;
        }
        CompileLock lock = null;
        try {
            lock = disk.lock(key);
            if (lock != null && !first.corrupt) {
                Lookup second = load(key, disk, stats, warnings);
                if (second.kernel != null) {
                    return second.kernel;
                }
            }
            return compile(key, disk, compiler, stats, warnings);
        } catch (IOException e) {
            warnings.accept("cannot lock JIT cache file " + disk.pathOf(key) + ", compiling without the lock: " + e);
            return compile(key, disk, compiler, stats, warnings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another writer of " + disk.pathOf(key), e);
        } finally {
            release(lock, key, disk, warnings);
        }
    }

    private record Lookup(CompiledKernel kernel, boolean corrupt) {}

    private static Lookup load(JitKey key, DiskCache disk, JitStats stats, Consumer<String> warnings) {
        long t0 = System.nanoTime();
        try {
            Optional<byte[]> cubin = disk.load(key);
            if (cubin.isPresent()) {
                long dt = System.nanoTime() - t0;
                stats.diskHits.increment();
                stats.diskLoadNanos.add(dt);
                return new Lookup(new CompiledKernel(key, cubin.get(), CompiledKernel.Origin.DISK, dt), false);
            }
            return new Lookup(null, false);
        } catch (CubinFile.CorruptException e) {
            stats.corruptFiles.increment();
            warnings.accept("JIT cache file is corrupt, recompiling and overwriting it: " + e.getMessage());
            return new Lookup(null, true);
        } catch (IOException e) {
            warnings.accept("cannot read JIT cache file " + disk.pathOf(key) + ", recompiling: " + e);
            return new Lookup(null, true);
        }
    }

    private static CompiledKernel compile(
            JitKey key, DiskCache disk, Compiler compiler, JitStats stats, Consumer<String> warnings) {
        long t0 = System.nanoTime();
        byte[] cubin = compiler.compile(key);
        long dt = System.nanoTime() - t0;
        stats.compiles.increment();
        stats.compileNanos.add(dt);
        LOG.info("JIT compiled {} in {} ms ({} bytes)", key, dt / 1_000_000, cubin.length);
        if (disk != null) {
            try {
                disk.store(key, cubin);
            } catch (IOException e) {
                stats.diskWriteFailures.increment();
                warnings.accept("cannot write JIT cache file " + disk.pathOf(key) + ": " + e);
            }
        }
        return new CompiledKernel(key, cubin, CompiledKernel.Origin.COMPILED, dt);
    }

    private static void release(CompileLock lock, JitKey key, DiskCache disk, Consumer<String> warnings) {
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                warnings.accept("cannot release the lock of JIT cache file " + disk.pathOf(key) + ": " + e);
            }
        }
    }
}
