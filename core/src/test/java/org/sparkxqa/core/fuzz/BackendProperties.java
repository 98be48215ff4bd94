package org.sparkxqa.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.Request;
import org.sparkxqa.core.reference.Float64Attention;
import org.sparkxqa.core.reference.RelativeError;

/**
 * Properties every backend must have on random valid requests ({@link CaseGenerator}): each output is
 * within {@link RelativeError#tolerance} of {@link Float64Attention}, and a request's output bits in a
 * batch equal its bits alone (batch invariance). A subclass names the backend, the space it supports and
 * the number of batches; {@code -Dxqa.fuzz.tries=N} and {@code -Dxqa.fuzz.seed=S} override them.
 */
public abstract class BackendProperties {
    /** The backend under test. */
    protected abstract AttentionBackend backend();

    /** What the backend supports. */
    protected abstract FuzzSpace space();

    /** Batches per run. */
    protected abstract int tries();

    @Test
    void everyRequestMatchesTheFloat64ReferenceAndItsOwnBitsAlone(TestReporter report) {
        backend();
        Coverage coverage = new Coverage();
        long[] requests = new long[1];
        long seed = PropertyRunner.seed();
        int tries = PropertyRunner.tries(tries());
        long t0 = System.nanoTime();
        CaseGenerator generator = new CaseGenerator(space());
        PropertyRunner.check(
                getClass().getSimpleName() + " vs float64",
                seed,
                tries,
                r -> {
                    FuzzCase c = generator.next(r);
                    count(coverage, c);
                    requests[0] += c.requests().size();
                    return c;
                },
                CaseShrinker::shrink,
                this::check);
        String summary = tries + " batches, " + requests[0] + " requests, seed " + seed + ", "
                + (System.nanoTime() - t0) / 1_000_000 + " ms on " + backend().name() + coverage;
        System.out.println(getClass().getSimpleName() + ": " + summary);
        report.publishEntry("fuzz", summary);
        coverage.assertSeen("kv type", space().kvTypes());
        coverage.assertSeen("q type", space().qTypes());
        coverage.assertSeen("head dim", AttentionSpec.HEAD_DIMS);
        coverage.assertSeen("drafts", List.of("chain", "tree", "mask", "empty mask"));
        coverage.assertSeen("Lq", List.of(1, 64));
        coverage.assertSeen("window", List.of(true, false));
        if (tries >= 1000) {
            coverage.assertSeen("group", space().groups());
        }
    }

    /** The property on one case. */
    void check(FuzzCase c) {
        AttentionSpec spec = c.spec().spec();
        List<Request> batch = c.build();
        List<byte[]> outs = backend().attend(spec, batch);
        assertEquals(batch.size(), outs.size(), "outputs");
        double tolerance = RelativeError.tolerance(spec);
        List<double[]> references = Float64Attention.attendAll(spec, batch);
        for (int n = 0; n < batch.size(); n++) {
            double error = RelativeError.of(spec.qType(), outs.get(n), references.get(n));
            int i = n;
            assertTrue(error <= tolerance, () -> "request " + i + ": relative error " + error + " > " + tolerance);
        }
        if (batch.size() > 1) {
            int last = batch.size() - 1;
            assertArrayEquals(
                    outs.get(last),
                    backend().attend(spec, List.of(batch.get(last))).get(0),
                    "request " + last + " alone gives other bits than in its batch");
        }
    }

    private static void count(Coverage coverage, FuzzCase c) {
        FuzzSpec s = c.spec();
        coverage.see("q type", s.qType());
        coverage.see("kv type", s.kvType());
        coverage.see("head dim", s.headDim());
        coverage.see("group", s.group());
        coverage.see("window", s.window() > 0);
        for (FuzzRequest r : c.requests()) {
            coverage.see(
                    "drafts",
                    r.parents() != null
                            ? "tree"
                            : r.maskRows() == null
                                    ? "chain"
                                    : r.maskRows().stream().allMatch(m -> m == 0) ? "empty mask" : "mask");
            coverage.see("Lq", r.lq() == 1 || r.lq() == 64 ? String.valueOf(r.lq()) : "2..63");
            coverage.see("Lk", r.lk() > 256 ? "> 256" : "<= 256");
        }
    }
}
