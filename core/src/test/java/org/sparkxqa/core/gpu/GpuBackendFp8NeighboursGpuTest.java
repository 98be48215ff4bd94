package org.sparkxqa.core.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.BatchCap;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.gpu.kernel.SplitSize;
import org.sparkxqa.core.testing.RandomRequests;
import org.sparkxqa.core.testing.RandomRequests.Draft;

/**
 * Batch invariance of the fp8 kernel: a request's output bytes are the same alone, inside a batch of
 * 100, shuffled, in chunks and from run to run; and the codes of a neighbouring request (NaN and
 * infinities included), which a K/V tile may load past a request's end, never change them.
 */
@Tag("gpu")
class GpuBackendFp8InvarianceGpuTest {
  private static final AttentionSpec E4M3 = AttentionSpec.of(ElementType.BF16, 32, 8, 128)
      .withKvType(ElementType.E4M3).withKvScales(0.0123f, 0.011f);
  private static final AttentionSpec E5M2 = AttentionSpec.of(ElementType.FP16, 8, 2, 64)
      .withKvType(ElementType.E5M2).withKvScales(0.5f, 2f).withWindow(700);
  private static GpuBackend gpu;

  @BeforeAll
  static void open() {
    gpu = GpuBackends.openOrSkip(List.of(E4M3, E5M2));
  }

  @AfterAll
  static void close() {
    if (gpu != null) {
      gpu.close();
    }
  }

  @Test
  void aRequestAloneAndInsideABatchOf100GivesIdenticalBytes() {
    for (AttentionSpec spec : List.of(E4M3, E5M2)) {
      RandomRequests random = new RandomRequests(100);
      List<Request> subjects = List.of(random.request(spec, 13, 5000, Draft.TREE),
          random.request(spec, 64, 64, Draft.PACKED), random.request(spec, 1, 1, Draft.CHAIN),
          random.request(spec, 7, SplitSize.tokens(7 * spec.group()) + 7, Draft.CHAIN));
      List<Request> batch = new ArrayList<>(random.mixedBatch(spec, 100 - subjects.size(), 64, 6000));
      for (int s = 0; s < subjects.size(); s++) {
        batch.add(s * 31, subjects.get(s));
      }
      List<byte[]> together = gpu.attend(spec, batch);
      for (int n = 0; n < batch.size(); n += 3) {
        assertArrayEquals(gpu.attend(spec, List.of(batch.get(n))).getFirst(), together.get(n), spec + " request " + n);
      }
      List<Request> shuffled = new ArrayList<>(batch);
      Collections.shuffle(shuffled, new Random(5));
      List<byte[]> reordered = gpu.attend(spec, shuffled);
      for (int n = 0; n < batch.size(); n++) {
        assertArrayEquals(together.get(n), reordered.get(shuffled.indexOf(batch.get(n))), "shuffled, request " + n);
      }
      gpu.maxChunkBytes(1L << 20);
      try {
        GpuBackends.assertSameBytes(together, gpu.attend(spec, batch), spec + " in 1 MiB chunks");
      } finally {
        gpu.maxChunkBytes(BatchCap.BYTES);
      }
      for (int run = 0; run < 2; run++) {
        GpuBackends.assertSameBytes(together, gpu.attend(spec, batch), spec + " repeat " + run);
      }
    }
  }

  @Test
  void neighboursOfNonFiniteCodesAreUntouched() {
    for (AttentionSpec spec : List.of(E4M3, E5M2)) {
      RandomRequests random = new RandomRequests(41);
      byte nan = (byte) 0x7F;  // e4m3 NaN S.1111.111; in e5m2 a NaN too (exponent 11111, mantissa 11)
      byte inf = (byte) (spec.kvType() == ElementType.E5M2 ? 0x7C : 0x7E);  // e5m2 +Inf; e4m3 448
      List<Request> clean = List.of(random.request(spec, 3, 61, Draft.CHAIN), random.request(spec, 9, 130, Draft.TREE),
          random.request(spec, 1, 2000, Draft.CHAIN));
      List<Request> batch = new ArrayList<>();
      for (Request r : clean) {
        batch.add(r);
        batch.add(filled(spec, random, 5, 67, nan));
        batch.add(filled(spec, random, 2, 70, inf));
      }
      List<byte[]> out = gpu.attend(spec, batch);
      for (int c = 0; c < clean.size(); c++) {
        byte[] alone = gpu.attend(spec, List.of(clean.get(c))).getFirst();
        assertArrayEquals(alone, out.get(3 * c), spec + ": clean request " + c + " between non-finite neighbours");
        float[] values = spec.qType().decodeAll(alone);
        assertTrue(Arrays.stream(toDoubles(values)).allMatch(Double::isFinite), spec + ": clean output is finite");
      }
    }
  }

  private static Request filled(AttentionSpec spec, RandomRequests random, int lq, int lk, byte code) {
    byte[] k = new byte[lk * spec.kvTokenBytes()];
    Arrays.fill(k, code);
    return Request.of(spec, random.normalValues(spec.qType(), lq * spec.qHeads() * spec.headDim(), 1), k, k.clone(),
        null, null);
  }

  private static double[] toDoubles(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
