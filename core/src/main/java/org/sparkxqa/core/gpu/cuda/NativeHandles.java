package org.sparkxqa.core.gpu.cuda;

import java.lang.reflect.Field;
import jcuda.NativePointerObject;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;

/**
 * JCuda handle objects for raw addresses and handles that JCuda did not create (cuDF's device buffers
 * and streams), and the raw handle inside a JCuda object for the driver calls made through FFM
 * ({@link DriverFfm}). JCuda has no public accessor for the native value, so this reads and sets the
 * private field {@code NativePointerObject.nativePointer}; the only reflective code in the project.
 * Thread-safe.
 */
public final class NativeHandles {
    private static final Field NATIVE_POINTER = field();

    private NativeHandles() {}

    private static Field field() {
        try {
            Field f = NativePointerObject.class.getDeclaredField("nativePointer");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError("this JCuda has no NativePointerObject.nativePointer field: " + e);
        }
    }

    /** A {@link CUdeviceptr} for a raw device address (e.g. a cuDF buffer's). Does not own the memory. */
    public static CUdeviceptr devicePointer(long address) {
        return set(new CUdeviceptr(), address);
    }

    /** A {@link CUstream} for a raw {@code cudaStream_t}/{@code CUstream} handle. Does not own the stream. */
    public static CUstream stream(long handle) {
        return set(new CUstream(), handle);
    }

    /** The raw handle or address inside a JCuda object (e.g. a {@code CUfunction}), for FFM calls. */
    public static long address(NativePointerObject object) {
        try {
            return NATIVE_POINTER.getLong(object);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read JCuda native pointer", e);
        }
    }

    private static <T extends NativePointerObject> T set(T object, long value) {
        try {
            NATIVE_POINTER.setLong(object, value);
            return object;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set JCuda native pointer", e);
        }
    }
}
