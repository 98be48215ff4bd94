package org.sparkxqa.core.fuzz;

import org.junit.jupiter.api.AfterAll;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.cpu.CpuBackend;

/** {@link BackendProperties} on the CPU backend over the whole contract ({@link FuzzSpace#contract}). */
class CpuBackendFuzzTest extends BackendProperties {
    private static final CpuBackend CPU = new CpuBackend(2);

    @AfterAll
    static void close() {
        CPU.close();
    }

    @Override
    protected AttentionBackend backend() {
        return CPU;
    }

    @Override
    protected FuzzSpace space() {
        return FuzzSpace.contract();
    }

    @Override
    protected int tries() {
        return 1500;
    }
}
