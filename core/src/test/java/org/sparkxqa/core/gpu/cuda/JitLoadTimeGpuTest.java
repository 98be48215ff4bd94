package org.sparkxqa.core.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.gpu.TestKernel;
import org.sparkxqa.core.gpu.jit.CompiledKernel;
import org.sparkxqa.core.gpu.jit.JitCache;
import org.sparkxqa.core.gpu.jit.KernelSourceLoader;
import org.sparkxqa.core.gpu.jit.KernelSources;
import org.sparkxqa.core.gpu.nvrtc.Nvrtc;
import org.sparkxqa.core.gpu.target.KernelVariant;

/** Cold compile vs disk-cache load vs module load, for the test kernel and (when present) the real one. */
@Tag("gpu")
class JitLoadTimeGpuTest {
    @TempDir
    Path root;

    @Test
    void diskCacheLoadIsMuchFasterThanCompiling(TestReporter report) {
        DeviceInfo device = GpuTestSupport.gpuOrSkip();
        Nvrtc nvrtc = TestKernel.nvrtcOrSkip();
        try (CudaContext context = CudaContext.open(device.ordinal())) {
            measure("test kernel", TestKernel.sources(), nvrtc, device, context, report);
            Optional<KernelSources> real = KernelSourceLoader.kernel();
            if (real.isPresent()) {
                measure("spec-dec kernel", real.get(), nvrtc, device, context, report);
            } else {
                report.publishEntry("spec-dec kernel", "not on the classpath yet: only the test kernel was timed");
            }
        }
    }

    private void measure(
            String what,
            KernelSources sources,
            Nvrtc nvrtc,
            DeviceInfo device,
            CudaContext context,
            TestReporter report) {
        KernelVariant v = new KernelVariant(ElementType.BF16, ElementType.BF16, 128, 4);
        Path dir = root.resolve(what.replace(' ', '-'));
        CompiledKernel cold = new JitCache(sources, nvrtc, JitCache.Options.at(dir)).get(v, device.arch());
        assertEquals(CompiledKernel.Origin.COMPILED, cold.origin());
        List<Long> disk = new ArrayList<>();
        List<Long> module = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CompiledKernel k = new JitCache(sources, nvrtc, JitCache.Options.at(dir)).get(v, device.arch());
            assertEquals(CompiledKernel.Origin.DISK, k.origin());
            disk.add(k.nanos());
            try (CudaModule m = CudaModule.load(context, k.cubin())) {
                module.add(m.loadNanos());
            }
        }
        long diskMedian = disk.stream().sorted().toList().get(2);
        long moduleMedian = module.stream().sorted().toList().get(2);
        String line = String.format(
                "%s %s on %s: cold compile %.1f ms, disk load %.3f ms (median of 5), "
                        + "cuModuleLoadData %.3f ms (median of 5), CUBIN %d bytes",
                what, v.label(), device.arch(), cold.nanos() / 1e6, diskMedian / 1e6, moduleMedian / 1e6, cold.size());
        report.publishEntry("jit " + what, line);
        System.out.println("JIT-TIMES " + line);
        assertTrue(diskMedian < cold.nanos(), line);
    }
}
