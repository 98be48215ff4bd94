package org.sparkxqa.core.gpu.nvrtc;

import java.util.List;

/**
 * No usable {@code libnvrtc} was found. The message lists every place that was tried, in order, and
 * why each failed, so that {@code backend=auto} can log it and {@code backend=gpu} can fail with it.
 */
public final class NvrtcNotFoundException extends NvrtcException {
    private final List<String> tried;

    public NvrtcNotFoundException(String summary, List<String> tried, Throwable cause) {
        super(summary + (tried.isEmpty() ? "" : "; tried:\n  " + String.join("\n  ", tried)), cause);
        this.tried = List.copyOf(tried);
    }

    /** One line per place tried: the candidate and the reason it was not used. */
    public List<String> tried() {
        return tried;
    }
}
