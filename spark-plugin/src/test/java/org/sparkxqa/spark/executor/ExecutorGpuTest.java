package org.sparkxqa.spark.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

/** GPU choice from executor resources. */
class ExecutorGpuTest {

    @Test
    void assignedAddressWins() {
        ExecutorGpu.Choice c =
                ExecutorGpu.pick(Map.of("gpu", new ResourceInformation("gpu", new String[] {"3", "5"})), true);
        assertEquals(3, c.device().getAsInt());
    }

    @Test
    void localModeFallsBackToDeviceZeroAndClustersNameWhatIsMissing() {
        assertEquals(0, ExecutorGpu.pick(Map.of(), true).device().getAsInt());
        ExecutorGpu.Choice none = ExecutorGpu.pick(Map.of(), false);
        assertTrue(none.device().isEmpty());
        assertTrue(none.reason().contains("spark.executor.resource.gpu.amount"), none.reason());
    }
}
