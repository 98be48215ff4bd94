package org.sparkxqa.core.gpu.kernel;

import java.nio.ByteBuffer;
import java.util.List;
import org.sparkxqa.core.AttentionSpec;

/**
 * Builds the packed tables of a {@link LaunchPlan} and checks every total against the kernel's
 * index types. Layouts (little-endian), from {@code xqa_abi.cuh}:
 * <ul>
 *   <li>XqaRequest (32 B): int64 kv_off, int64 scratch_off, int32 q_off, lq, lk, num_splits</li>
 *   <li>XqaWork (16 B): int32 request, row_base, split, split_tokens — ordered request, split, row
 *       tile; split_tokens is the request's {@link SplitSize#tokens} of its Lq * G rows</li>
 *   <li>XqaMergeItem (8 B): int32 request, row_base — for requests with more than one split</li>
 *   <li>masks: uint64 per query token, bit t = sees draft t</li>
 * </ul>
 * Request r's splits cover {@code [firstKey, Lk)} in chunks of {@code SplitSize.tokens(Lq * G)} keys.
 * Scratch partial row of (request r, split s, KV head h, row) = scratch_off + (s * Hkv + h) * Lq*G + row.
 */
final class LaunchTables {
    final int[] qOffsets;
    final long[] kvOffsets;
    final int qTokens;
    final long kvTokens;
    final long scratchRows;
    final int maxRows;
    final byte[] requests;
    final byte[] work;
    final byte[] merge;
    final byte[] masks;

    private LaunchTables(
            int[] qOffsets,
            long[] kvOffsets,
            int qTokens,
            long kvTokens,
            long scratchRows,
            int maxRows,
            byte[] requests,
            byte[] work,
            byte[] merge,
            byte[] masks) {
        this.qOffsets = qOffsets;
        this.kvOffsets = kvOffsets;
        this.qTokens = qTokens;
        this.kvTokens = kvTokens;
        this.scratchRows = scratchRows;
        this.maxRows = maxRows;
        this.requests = requests;
        this.work = work;
        this.merge = merge;
        this.masks = masks;
    }

    static LaunchTables build(AttentionSpec spec, KernelGeometry geo, List<RequestShape> shapes) {
        return build(spec, geo, shapes, null);
    }

    /** The tables with requests at {@code placed}'s offsets, or packed back to back when it is null. */
    static LaunchTables build(
            AttentionSpec spec, KernelGeometry geo, List<RequestShape> shapes, RequestPlacement placed) {
        if (placed != null) {
            placed.check(shapes);
        }
        int n = shapes.size();
        int group = spec.group();
        int heads = spec.kvHeads();
        int[] qOff = new int[n];
        long[] kvOff = new long[n];
        long q = 0, kv = 0, scratch = 0, workItems = 0, mergeItems = 0;
        int maxRows = 0;
        for (int r = 0; r < n; r++) {
            RequestShape s = shapes.get(r);
            qOff[r] = placed == null ? (int) q : placed.qOffsets()[r];
            kvOff[r] = placed == null ? kv : placed.kvOffsets()[r];
            q += s.lq();
            kv += s.lk();
            check(q <= LaunchPlan.MAX_Q_TOKENS, "the batch has more than " + LaunchPlan.MAX_Q_TOKENS + " query tokens");
            check(
                    kv <= LaunchPlan.MAX_KV_TOKENS,
                    "the batch has more than " + LaunchPlan.MAX_KV_TOKENS + " K/V tokens");
            int rows = s.lq() * group;
            maxRows = Math.max(maxRows, rows);
            int splits = s.splits(spec.window(), SplitSize.tokens(rows));
            workItems += (long) splits * tiles(rows, geo.ctaRows());
            if (splits > 1) {
                scratch = Math.addExact(scratch, Math.multiplyExact((long) splits * heads, rows));
                mergeItems += tiles(rows, KernelGeometry.MERGE_ROWS);
            }
        }
        check(
                workItems * KernelGeometry.WORK_BYTES <= Integer.MAX_VALUE - 8,
                "the batch needs " + workItems + " work items, more than one launch can index");
        check(
                mergeItems * KernelGeometry.MERGE_ITEM_BYTES <= Integer.MAX_VALUE - 8,
                "too many merge items: " + mergeItems);
        if (placed != null) {
            q = placed.qTokens();
            kv = placed.kvTokens();
            check(
                    kv <= LaunchPlan.MAX_KV_TOKENS,
                    "the K/V buffers hold more than " + LaunchPlan.MAX_KV_TOKENS + " tokens");
        }
        check(q * 8 <= Integer.MAX_VALUE - 8, "mask table too large for " + q + " query tokens");
        // Every buffer size must be representable; these throw ArithmeticException otherwise.
        Math.multiplyExact(q, (long) spec.qTokenBytes());
        Math.multiplyExact(kv, (long) spec.kvTokenBytes());
        Math.multiplyExact(scratch, (long) spec.headDim() * 4);

        ByteBuffer req = LaunchPlan.le(n * KernelGeometry.REQUEST_BYTES);
        ByteBuffer wk = LaunchPlan.le((int) workItems * KernelGeometry.WORK_BYTES);
        ByteBuffer mg = LaunchPlan.le((int) mergeItems * KernelGeometry.MERGE_ITEM_BYTES);
        ByteBuffer mk = LaunchPlan.le((int) q * 8);
        long scratchOff = 0;
        for (int r = 0; r < n; r++) {
            RequestShape s = shapes.get(r);
            int rows = s.lq() * group;
            int splitTokens = SplitSize.tokens(rows);
            int splits = s.splits(spec.window(), splitTokens);
            req.putLong(kvOff[r])
                    .putLong(splits > 1 ? scratchOff : 0)
                    .putInt(qOff[r])
                    .putInt(s.lq())
                    .putInt(s.lk())
                    .putInt(splits);
            for (int sp = 0; sp < splits; sp++) {
                for (int base = 0; base < rows; base += geo.ctaRows()) {
                    wk.putInt(r).putInt(base).putInt(sp).putInt(splitTokens);
                }
            }
            if (splits > 1) {
                scratchOff += (long) splits * heads * rows;
                for (int base = 0; base < rows; base += KernelGeometry.MERGE_ROWS) {
                    mg.putInt(r).putInt(base);
                }
            }
            for (int i = 0; i < s.lq(); i++) {
                mk.putLong((qOff[r] + i) * 8, s.mask().row(i));
            }
        }
        return new LaunchTables(
                qOff, kvOff, (int) q, kv, scratch, maxRows, req.array(), wk.array(), mg.array(), mk.array());
    }

    static long tiles(long count, int per) {
        return (count + per - 1) / per;
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("batch too large for one launch: " + message + "; split the batch");
        }
    }
}
