package org.sparkxqa.spark.eval;

import java.util.ArrayList;
import java.util.List;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.cpu.CpuBackend;

/** The CPU backend, recording the size of every attend call (rows, and q+k+v bytes). */
class CountingBackend implements AttentionBackend {
    final List<Integer> callSizes = new ArrayList<>();
    final List<Long> callBytes = new ArrayList<>();
    private final CpuBackend cpu = new CpuBackend(1);

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public List<byte[]> attend(AttentionSpec spec, List<Request> requests) {
        callSizes.add(requests.size());
        callBytes.add(requests.stream().mapToLong(r -> r.bytes()).sum());
        return cpu.attend(spec, requests);
    }

    @Override
    public void close() {
        cpu.close();
    }
}
