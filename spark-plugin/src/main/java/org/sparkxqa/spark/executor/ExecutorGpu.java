package org.sparkxqa.spark.executor;

import java.util.Map;
import java.util.OptionalInt;
import org.apache.spark.resource.ResourceInformation;

/**
 * The GPU an executor uses, chosen once by the executor plugin from the addresses Spark assigned
 * ({@code "gpu"} resource), or device 0 in local mode when none was assigned; the choice is part of
 * the executor's {@link ExecutorServices}, and the GPU backend opens this device. Stateless.
 */
public final class ExecutorGpu {
    /** The resource name Spark schedules GPUs under. */
    public static final String RESOURCE = "gpu";

    /**
     * A choice: {@code device} is the CUDA ordinal, or empty when this executor has none;
     * {@code reason} says where it came from (or why there is none) for logs and errors.
     */
    public record Choice(OptionalInt device, String reason) {}

    /** The choice of an executor whose plugin did not run. */
    public static final Choice NOT_CHOSEN =
            new Choice(OptionalInt.empty(), "the Spark XQA executor plugin did not run");

    private ExecutorGpu() {}

    /** Picks the device from the executor's resources; {@code localMode}: device 0 when none is assigned. */
    public static Choice pick(Map<String, ResourceInformation> resources, boolean localMode) {
        ResourceInformation gpu = resources == null ? null : resources.get(RESOURCE);
        if (gpu != null && gpu.addresses().length > 0) {
            String address = gpu.addresses()[0];
            try {
                int device = Integer.parseInt(address.trim());
                return new Choice(OptionalInt.of(device), "assigned by Spark (gpu address " + address + ")");
            } catch (NumberFormatException e) {
                return new Choice(
                        OptionalInt.empty(), "Spark assigned gpu address '" + address + "', not a device number");
            }
        }
        if (localMode) {
            return new Choice(OptionalInt.of(0), "local mode with no gpu resource assigned: using device 0");
        }
        return new Choice(
                OptionalInt.empty(),
                "no gpu resource was assigned to this executor (set "
                        + "spark.executor.resource.gpu.amount=1, spark.task.resource.gpu.amount and "
                        + "spark.executor.resource.gpu.discoveryScript)");
    }
}
