package org.sparkxqa.spark.plugin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which task failures make the executor exit so that Spark replaces it. */
class FatalGpuErrorsTest {

    @Test
    void fatalCudaErrorsAreRecognisedByName() {
        assertTrue(FatalGpuErrors.isFatal("org.sparkxqa.core.gpu.CudaFatalException", ""));
        assertTrue(
                FatalGpuErrors.isFatal(
                        "org.apache.spark.SparkException",
                        "org.apache.spark.SparkException: x\nCaused by: org.sparkxqa.core.gpu.CudaFatalException: illegal address"));
        assertFalse(FatalGpuErrors.isFatal("java.lang.OutOfMemoryError", "java.lang.OutOfMemoryError: heap"));
    }

    @Test
    void runningOutOfDeviceMemoryIsNotFatal() {
        assertFalse(
                FatalGpuErrors.isFatal(
                        "org.sparkxqa.spark.eval.InvalidRowException",
                        "org.sparkxqa.spark.eval.InvalidRowException: xqa_attention: invalid row id=3: does not fit in memory even "
                                + "alone in a batch\nCaused by: org.sparkxqa.core.memory.OutOfBackendMemoryException: out of device memory"));
        assertFalse(FatalGpuErrors.isFatal("org.sparkxqa.core.memory.OutOfBackendMemoryException", ""));
    }
}
