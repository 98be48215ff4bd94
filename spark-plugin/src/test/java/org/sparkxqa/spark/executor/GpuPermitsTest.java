package org.sparkxqa.spark.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.AttentionBackend;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.DeviceAdmission;
import org.sparkxqa.core.ElementType;
import org.sparkxqa.core.Request;

/** Where a backend call holds its GPU permit, in both modes, and what it reports of its wait. */
class GpuPermitsTest {
    private static final AttentionSpec SPEC = AttentionSpec.of(ElementType.BF16, 8, 2, 64);
    private static final NanoClock CLOCK = new AtomicLong()::incrementAndGet;

    @Test
    void byDefaultTheWholeCallHoldsAPermit() {
        GpuPermits permits = new GpuPermits(1);
        Recording backend = new Recording(permits, false);
        List<Long> waits = new ArrayList<>();
        permits.attend(backend, true, SPEC, List.of(), CLOCK, waits::add);
        assertEquals(List.of("attend: 0 free"), backend.events);
        assertEquals(1, permits.available());
        assertEquals(1, waits.size());
    }

    @Test
    void packBeforePermitHandsThePermitToTheBackendToTakeAfterPacking() {
        GpuPermits permits = new GpuPermits(1, true);
        Recording backend = new Recording(permits, true);
        List<Long> waits = new ArrayList<>();
        permits.attend(backend, true, SPEC, List.of(), CLOCK, waits::add);
        assertEquals(List.of("packed: 1 free", "on the device: 0 free", "done: 1 free"), backend.events);
        assertEquals(1, waits.size());
        assertEquals(1L, waits.get(0), "the clock is read once before and once after taking the permit");
    }

    @Test
    void aBackendWithoutAHostStageHoldsTheAdmissionForTheWholeCall() {
        GpuPermits permits = new GpuPermits(1, true);
        Recording backend = new Recording(permits, false);
        permits.attend(backend, true, SPEC, List.of(), CLOCK, w -> {});
        assertEquals(List.of("attend: 0 free"), backend.events);
        assertEquals(1, permits.available());
    }

    @Test
    void aCpuCallTakesNoPermit() {
        for (boolean packFirst : new boolean[] {false, true}) {
            GpuPermits permits = new GpuPermits(1, packFirst);
            Recording backend = new Recording(permits, packFirst);
            List<Long> waits = new ArrayList<>();
            permits.attend(backend, false, SPEC, List.of(), CLOCK, waits::add);
            assertEquals(List.of("attend: 1 free"), backend.events, "packBeforePermit=" + packFirst);
            assertEquals(List.of(), waits);
        }
    }

    @Test
    void aFailingCallGivesItsPermitBack() {
        GpuPermits permits = new GpuPermits(1, true);
        AttentionBackend failing = new Recording(permits, true) {
            @Override
            public List<byte[]> attend(AttentionSpec spec, List<Request> requests, DeviceAdmission admission) {
                try (DeviceAdmission.Ticket t = admission.enter()) {
                    throw new IllegalStateException("injected");
                }
            }
        };
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> permits.attend(failing, true, SPEC, List.of(), CLOCK, w -> {}));
        assertEquals("injected", e.getMessage());
        assertEquals(1, permits.available());
    }

    /** Records the free permits at each stage; with {@code hostStage} it enters the admission after "packing". */
    private static class Recording implements AttentionBackend {
        final List<String> events = new ArrayList<>();
        private final GpuPermits permits;
        private final boolean hostStage;

        Recording(GpuPermits permits, boolean hostStage) {
            this.permits = permits;
            this.hostStage = hostStage;
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public List<byte[]> attend(AttentionSpec spec, List<Request> requests) {
            events.add("attend: " + permits.available() + " free");
            return List.of();
        }

        @Override
        public List<byte[]> attend(AttentionSpec spec, List<Request> requests, DeviceAdmission admission) {
            if (!hostStage) {
                return AttentionBackend.super.attend(spec, requests, admission);
            }
            events.add("packed: " + permits.available() + " free");
            try (DeviceAdmission.Ticket t = admission.enter()) {
                events.add("on the device: " + permits.available() + " free");
            }
            events.add("done: " + permits.available() + " free");
            return List.of();
        }

        @Override
        public void close() {}
    }
}
