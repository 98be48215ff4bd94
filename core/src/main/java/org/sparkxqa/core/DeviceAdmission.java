package org.sparkxqa.core;

/**
 * Admission to a shared device: bounds how many callers use it at once (host-to-device copies,
 * launches, results), while the host-side part of a call runs unbounded. A backend given one enters
 * it once per call and closes the ticket when the call's results are back; where it enters is the
 * backend's choice ({@link AttentionBackend#attend(AttentionSpec, java.util.List, DeviceAdmission)}).
 * Implementations are thread-safe; a ticket belongs to the thread that entered.
 */
@FunctionalInterface
public interface DeviceAdmission {
    /** Admission that never waits. */
    DeviceAdmission NONE = () -> () -> {};

    /**
     * Waits until this caller may use the device.
     *
     * @return the ticket; closing it lets the next caller in
     */
    Ticket enter();

    /** Held while a caller uses the device. */
    interface Ticket extends AutoCloseable {
        @Override
        void close();
    }
}
