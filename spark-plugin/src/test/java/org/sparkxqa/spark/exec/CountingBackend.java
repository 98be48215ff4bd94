package org.sparkxqa.spark.exec;

import java.util.ArrayList;
import java.util.List;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.cpu.CpuBackend;

/** The CPU backend, recording the size of every attend call. */
final class CountingBackend implements AttentionBackend {
  final List<Integer> callSizes = new ArrayList<>();
  private final CpuBackend cpu = new CpuBackend(1);

  @Override
  public String name() {
    return "counting";
  }

  @Override
  public List<byte[]> attend(AttentionSpec spec, List<Request> requests) {
    callSizes.add(requests.size());
    return cpu.attend(spec, requests);
  }

  @Override
  public void close() {
    cpu.close();
  }
}
