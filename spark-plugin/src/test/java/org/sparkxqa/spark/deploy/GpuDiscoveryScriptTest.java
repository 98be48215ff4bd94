package org.sparkxqa.spark.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPU discovery scripts print what Spark expects: {@code {"name":"gpu","addresses":[...]}}. */
class GpuDiscoveryScriptTest {
    private static final Path REAL = DeployLayout.SCRIPTS.resolve("gpu-discovery.sh");
    private static final Path FIXED = DeployLayout.SCRIPTS.resolve("gpu-discovery-fixed.sh");

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String stdout, String stderr) {}

    private static Outcome run(Path script, List<String> args, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("XQA_GPU_ADDRESSES");
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Outcome(p.exitValue(), out.strip(), err.strip());
    }

    private Path fakeNvidiaSmi(String output) throws IOException {
        Path smi = dir.resolve("nvidia-smi");
        Files.writeString(
                smi,
                "#!/bin/sh\n[ \"$1 $2\" = \"--query-gpu=index --format=csv,noheader\" ] || exit 9\n" + "printf '"
                        + output + "'\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        return smi;
    }

    @Test
    void realScriptListsTheIndexesNvidiaSmiReports() throws Exception {
        Path smi = fakeNvidiaSmi("0\\n1\\n3\\n");
        Outcome o = run(REAL, List.of(), Map.of("NVIDIA_SMI", smi.toString()));
        assertEquals(0, o.exitCode(), o.stderr());
        assertEquals("{\"name\":\"gpu\",\"addresses\":[\"0\",\"1\",\"3\"]}", o.stdout());
    }

    @Test
    void realScriptFailsSayingWhyWithoutNvidiaSmi() throws Exception {
        Path missing = dir.resolve("no-such-dir/nvidia-smi");
        Outcome o = run(REAL, List.of(), Map.of("NVIDIA_SMI", missing.toString()));
        assertNotEquals(0, o.exitCode());
        assertTrue(o.stderr().contains(missing + " not found"), o.stderr());
    }

    @Test
    void fixedScriptTakesTheEnvironmentOrAnArgument() throws Exception {
        assertEquals(
                "{\"name\":\"gpu\",\"addresses\":[\"1\"]}",
                run(FIXED, List.of(), Map.of("XQA_GPU_ADDRESSES", "1")).stdout());
        assertEquals(
                "{\"name\":\"gpu\",\"addresses\":[\"0\",\"2\"]}",
                run(FIXED, List.of("0,2"), Map.of()).stdout());
        Outcome none = run(FIXED, List.of(), Map.of());
        assertNotEquals(0, none.exitCode());
        assertTrue(none.stderr().contains("XQA_GPU_ADDRESSES"), none.stderr());
    }
}
