package org.sparkxqa.core.gpu.jit;

import java.util.List;
import org.sparkxqa.core.gpu.cuda.DeviceInfo;
import org.sparkxqa.core.gpu.cuda.GpuProbe;
import org.sparkxqa.core.gpu.target.SmArch;

/** The architectures to compile for when none are named: the visible GPUs', else sm_80 and sm_90. */
final class DefaultArchs {
    private DefaultArchs() {}

    static List<SmArch> get() {
        GpuProbe.Result probe;
        try {
            probe = GpuProbe.probe();
        } catch (RuntimeException e) {
            return List.of(SmArch.SM_80, SmArch.SM_90);
        }
        if (!probe.available()) {
            return List.of(SmArch.SM_80, SmArch.SM_90);
        }
        return probe.devices().stream()
                .map(DeviceInfo::arch)
                .distinct()
                .sorted()
                .toList();
    }
}
