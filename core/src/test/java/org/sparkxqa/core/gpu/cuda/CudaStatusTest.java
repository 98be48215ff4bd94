package org.sparkxqa.core.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jcuda.driver.CUresult;
import org.junit.jupiter.api.Test;

/** Error classification; runs with or without a driver. */
class CudaStatusTest {
    @Test
    void successPasses() {
        CudaStatus.check(CUresult.CUDA_SUCCESS, "cuNothing");
    }

    @Test
    void ordinaryErrorsNameTheFunctionAndTheCode() {
        CudaException e = assertThrows(
                CudaException.class, () -> CudaStatus.check(CUresult.CUDA_ERROR_INVALID_VALUE, "cuLaunchKernel(k)"));
        assertFalse(e instanceof CudaFatalException);
        assertEquals("CUDA_ERROR_INVALID_VALUE", e.errorName());
        assertEquals("cuLaunchKernel(k)", e.function());
        assertTrue(
                e.getMessage().startsWith("cuLaunchKernel(k) failed: CUDA_ERROR_INVALID_VALUE (1): "), e.getMessage());
    }

    @Test
    void stickyErrorsAreFatal() {
        int[] fatal = {700, 702, 710, 714, 715, 716, 717, 718, 719, 214, 220, 911};
        for (int code : fatal) {
            CudaException e = assertThrows(CudaException.class, () -> CudaStatus.check(code, "cuStreamSynchronize"));
            assertInstanceOf(CudaFatalException.class, e, "code " + code);
            assertTrue(e.getMessage().contains("fatal"), e.getMessage());
        }
        assertEquals(fatal.length, CudaStatus.FATAL.size(), "the list is explicit; this test names every entry");
        for (int recoverable : new int[] {1, 2, 100, 200, 209, 400, 500, 600, 701}) {
            assertFalse(CudaStatus.FATAL.contains(recoverable), "code " + recoverable);
        }
    }
}
