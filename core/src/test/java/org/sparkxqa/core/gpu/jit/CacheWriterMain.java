package org.sparkxqa.core.gpu.jit;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A child process of {@link DiskCacheProcessesTest}: one executor asking the real disk cache for
 * {@link FakeCompiler#KEY}. Args: cache root, compile millis, lock wait millis. Prints {@code compiling}
 * when its compile starts (it then holds the key's lock), then {@code origin <COMPILED|DISK>} and
 * {@code sha256 <hex>}; warnings go to stderr.
 */
public final class CacheWriterMain {
    private CacheWriterMain() {}

    public static void main(String[] args) throws Exception {
        DiskCache disk = new DiskCache(Path.of(args[0]), Duration.ofMillis(Long.parseLong(args[2])));
        FakeCompiler compiler = new FakeCompiler(Long.parseLong(args[1]), () -> {
            System.out.println("compiling");
            System.out.flush();
        });
        CompiledKernel k = DiskOrCompile.get(FakeCompiler.KEY, disk, compiler, new JitStats(), System.err::println);
        System.out.println("origin " + k.origin());
        System.out.println("sha256 " + CubinFile.sha256(k.cubin()));
        System.out.flush();
    }
}
