package org.sparkxqa.core.cpu;

import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.Request;

/** The visibility rule of docs/DESIGN.md §1: prefix or draft ancestor, within the sliding window. */
final class Visibility {
    private Visibility() {}

    /** Whether query token {@code i} of {@code request} sees key {@code j}. */
    static boolean sees(AttentionSpec spec, Request request, int i, int j) {
        int prefix = request.lk() - request.lq();
        boolean inTree = j < prefix || request.mask().sees(i, j - prefix);
        boolean inWindow = spec.window() == 0 || (prefix + i) - j < spec.window();
        return inTree && inWindow;
    }
}
