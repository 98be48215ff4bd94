package org.sparkxqa.core.gpu;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_MULTIPROCESSOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_RESERVED_SHARED_MEMORY_PER_BLOCK;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;

import jcuda.driver.CUdevice;
import org.sparkxqa.core.gpu.cuda.CudaStatus;
import org.sparkxqa.core.gpu.kernel.DeviceLimits;

/** Reads a device's shared-memory limits from the driver (the driver must be initialised). Stateless. */
final class DeviceLimitsQuery {
    private DeviceLimitsQuery() {}

    static DeviceLimits of(int ordinal) {
        CUdevice dev = new CUdevice();
        CudaStatus.check(cuDeviceGet(dev, ordinal), "cuDeviceGet");
        return new DeviceLimits(
                attribute(dev, CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_MULTIPROCESSOR),
                attribute(dev, CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN),
                attribute(dev, CU_DEVICE_ATTRIBUTE_RESERVED_SHARED_MEMORY_PER_BLOCK));
    }

    private static int attribute(CUdevice dev, int attribute) {
        int[] out = new int[1];
        CudaStatus.check(cuDeviceGetAttribute(out, attribute, dev), "cuDeviceGetAttribute(" + attribute + ")");
        return out[0];
    }
}
