package org.sparkxqa.core.fuzz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Smaller variants of a failing {@link FuzzCase}, most aggressive first: one request instead of many,
 * shorter {@code Lk} and {@code Lq}, a flat tree or a chain, no window, default scales, fewer heads,
 * head dim 64, 16-bit types. Every variant is a valid case, so the shrunk case still tests the contract.
 */
public final class CaseShrinker {
    private CaseShrinker() {}

    /** The variants of {@code c}, without {@code c} itself. */
    public static List<FuzzCase> shrink(FuzzCase c) {
        Set<FuzzCase> out = new LinkedHashSet<>();
        List<FuzzRequest> rs = c.requests();
        if (rs.size() > 1) {
            rs.forEach(r -> out.add(new FuzzCase(c.spec(), List.of(r))));
            out.add(new FuzzCase(c.spec(), rs.subList(0, rs.size() - 1)));
        }
        for (int i = 0; i < rs.size(); i++) {
            for (FuzzRequest smaller : shrink(rs.get(i))) {
                List<FuzzRequest> copy = new ArrayList<>(rs);
                copy.set(i, smaller);
                out.add(new FuzzCase(c.spec(), copy));
            }
        }
        FuzzSpec s = c.spec();
        out.add(new FuzzCase(
                new FuzzSpec(
                        s.qType(),
                        s.kvType(),
                        s.kvHeads(),
                        s.group(),
                        s.headDim(),
                        s.scale(),
                        0,
                        s.kScale(),
                        s.vScale()),
                rs));
        out.add(new FuzzCase(
                new FuzzSpec(s.qType(), s.kvType(), s.kvHeads(), s.group(), s.headDim(), 0f, s.window(), 1f, 1f), rs));
        out.add(new FuzzCase(
                new FuzzSpec(
                        s.qType(),
                        s.kvType(),
                        1,
                        s.group(),
                        s.headDim(),
                        s.scale(),
                        s.window(),
                        s.kScale(),
                        s.vScale()),
                rs));
        for (int g : new int[] {1, s.group() / 2}) {
            out.add(new FuzzCase(
                    new FuzzSpec(
                            s.qType(),
                            s.kvType(),
                            s.kvHeads(),
                            Math.max(1, g),
                            s.headDim(),
                            s.scale(),
                            s.window(),
                            s.kScale(),
                            s.vScale()),
                    rs));
        }
        out.add(new FuzzCase(
                new FuzzSpec(
                        s.qType(),
                        s.kvType(),
                        s.kvHeads(),
                        s.group(),
                        64,
                        s.scale(),
                        s.window(),
                        s.kScale(),
                        s.vScale()),
                rs));
        if (s.kvType() != s.qType() && !s.kvType().isFp8()) {
            out.add(new FuzzCase(
                    new FuzzSpec(
                            s.qType(),
                            s.qType(),
                            s.kvHeads(),
                            s.group(),
                            s.headDim(),
                            s.scale(),
                            s.window(),
                            s.kScale(),
                            s.vScale()),
                    rs));
        }
        out.remove(c);
        return new ArrayList<>(out);
    }

    private static List<FuzzRequest> shrink(FuzzRequest r) {
        List<FuzzRequest> out = new ArrayList<>();
        for (int lk : new int[] {r.lq(), (r.lq() + r.lk()) / 2, r.lk() - 1}) {
            if (lk >= r.lq() && lk < r.lk()) {
                out.add(new FuzzRequest(r.lq(), lk, r.parents(), r.maskRows(), r.valueSeed()));
            }
        }
        for (int lq : new int[] {1, r.lq() / 2, r.lq() - 1}) {
            if (lq >= 1 && lq < r.lq()) {
                out.add(new FuzzRequest(
                        lq, r.lk() - (r.lq() - lq), cut(r.parents(), lq), cutMask(r.maskRows(), lq), r.valueSeed()));
            }
        }
        if (r.parents() != null && r.parents().stream().anyMatch(p -> p != -1)) {
            out.add(new FuzzRequest(r.lq(), r.lk(), Collections.nCopies(r.lq(), -1), null, r.valueSeed()));
        }
        if (r.parents() != null || r.maskRows() != null) {
            out.add(new FuzzRequest(r.lq(), r.lk(), null, null, r.valueSeed()));
        }
        return out;
    }

    private static List<Integer> cut(List<Integer> parents, int lq) {
        return parents == null ? null : List.copyOf(parents.subList(0, lq));
    }

    private static List<Long> cutMask(List<Long> rows, int lq) {
        return rows == null
                ? null
                : rows.subList(0, lq).stream()
                        .map(m -> m & CaseGenerator.fullRow(lq))
                        .toList();
    }
}
