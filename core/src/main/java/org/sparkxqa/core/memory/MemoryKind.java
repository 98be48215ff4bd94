package org.sparkxqa.core.memory;

/** The memory a backend stages a launch in: on the GPU, or page-locked on the host for the copies. */
public enum MemoryKind {
    DEVICE("device"),
    PINNED("pinned host");

    private final String text;

    MemoryKind(String text) {
        this.text = text;
    }

    /** How messages name it, e.g. {@code device}. */
    public String text() {
        return text;
    }
}
