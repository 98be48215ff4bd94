package org.sparkxqa.core.gpu.cuda;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdevice;
import org.sparkxqa.core.gpu.target.SmArch;

/**
 * Which GPUs this process can use, failing softly: on a machine without a driver or a GPU the result
 * holds a reason (for {@code backend=auto} to log, {@code backend=gpu} to fail with) instead of an
 * exception. Thread-safe.
 */
public final class GpuProbe {
    /**
     * @param devices visible GPUs; empty when none can be used
     * @param driverVersion e.g. {@code 13.0}; empty when there is no driver
     * @param reason why there is no usable GPU; null when {@code devices} is not empty
     */
    public record Result(List<DeviceInfo> devices, String driverVersion, String reason) {
        public boolean available() {
            return !devices.isEmpty();
        }
    }

    private GpuProbe() {}

    /** Probes the driver and every visible device. Never throws for a missing driver or GPU. */
    public static Result probe() {
        String reason = CudaDriver.unavailableReason();
        if (reason != null) {
            return new Result(List.of(), "", reason);
        }
        int[] v = new int[1];
        CudaStatus.check(cuDriverGetVersion(v), "cuDriverGetVersion");
        String driver = v[0] / 1000 + "." + (v[0] % 1000) / 10;
        int[] count = new int[1];
        CudaStatus.check(cuDeviceGetCount(count), "cuDeviceGetCount");
        if (count[0] == 0) {
            return new Result(List.of(), driver, "no GPU device (the CUDA " + driver + " driver sees none)");
        }
        List<DeviceInfo> devices = new ArrayList<>();
        for (int i = 0; i < count[0]; i++) {
            devices.add(describe(i));
        }
        return new Result(List.copyOf(devices), driver, null);
    }

    /** Details of one device; the driver must be initialised ({@link CudaDriver#init()}). */
    public static DeviceInfo describe(int ordinal) {
        CUdevice dev = new CUdevice();
        CudaStatus.check(cuDeviceGet(dev, ordinal), "cuDeviceGet");
        byte[] name = new byte[256];
        CudaStatus.check(cuDeviceGetName(name, name.length, dev), "cuDeviceGetName");
        int len = 0;
        while (len < name.length && name[len] != 0) {
            len++;
        }
        long[] mem = new long[1];
        CudaStatus.check(cuDeviceTotalMem(mem, dev), "cuDeviceTotalMem");
        return new DeviceInfo(
                ordinal,
                new String(name, 0, len, StandardCharsets.UTF_8),
                new SmArch(
                        attribute(dev, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                        attribute(dev, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR)),
                mem[0],
                attribute(dev, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT),
                attribute(dev, CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN));
    }

    private static int attribute(CUdevice dev, int attribute) {
        int[] out = new int[1];
        CudaStatus.check(cuDeviceGetAttribute(out, attribute, dev), "cuDeviceGetAttribute(" + attribute + ")");
        return out[0];
    }
}
