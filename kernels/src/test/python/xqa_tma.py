"""Host side of the kernel launches for the device harness, as the Java host does them through FFM:
encodes the k/v tensor maps (cuTensorMapEncodeTiled through ctypes) and launches through
cuLaunchKernelEx, since the attention kernel takes two 128-byte tensor maps by value and the merge
kernel is a programmatic dependent launch on sm_90."""
import ctypes
import os

_cuda = ctypes.CDLL("libcuda.so.1")
UINT16, SWIZZLE_128B, OOB_ZERO = 1, 3, 0
L2_PROMOTION = int(os.environ.get("XQA_L2_PROMOTION", 1))  # 64B as the Java host; 0 none, 2 128B, 3 256B


class TensorMap(ctypes.Structure):
    _fields_ = [("opaque", ctypes.c_uint64 * 16)]


UINT8, SWIZZLE_NONE = 0, 0


def kv_map(ptr, desc):
    """Tensor map of k or v at device address ptr as the plan describes it (plan.json kv_tensor_map:
    16-bit elements with a 128-byte swizzle, or fp8 bytes unswizzled)."""
    m = TensorMap()
    dims = (ctypes.c_uint64 * 3)(*desc["dims"])
    strides = (ctypes.c_uint64 * 2)(*desc["byte_strides"])
    box = (ctypes.c_uint32 * 3)(*desc["box"])
    elem = (ctypes.c_uint32 * 3)(1, 1, 1)
    dtype = UINT16 if desc["element_bytes"] == 2 else UINT8
    swizzle = SWIZZLE_128B if desc["swizzle_bytes"] == 128 else SWIZZLE_NONE
    rc = _cuda.cuTensorMapEncodeTiled(ctypes.byref(m), dtype, 3, ctypes.c_void_p(ptr), dims, strides, box, elem, 0,
                                      swizzle, L2_PROMOTION, OOB_ZERO)
    if rc != 0:
        raise RuntimeError("cuTensorMapEncodeTiled failed: %d (ptr=%x %r)" % (rc, ptr, desc))
    return m


class LaunchAttribute(ctypes.Structure):
    _fields_ = [("id", ctypes.c_int), ("pad", ctypes.c_char * 4), ("value", ctypes.c_char * 64)]


class LaunchConfig(ctypes.Structure):
    _fields_ = [("grid", ctypes.c_uint * 3), ("block", ctypes.c_uint * 3), ("smem", ctypes.c_uint),
                ("stream", ctypes.c_void_p), ("attrs", ctypes.POINTER(LaunchAttribute)), ("num_attrs", ctypes.c_uint)]


PROGRAMMATIC_STREAM_SERIALIZATION = 6


class Launcher:
    """One prepared launch (cuLaunchKernelEx): ctypes parameter objects in declaration order, kept
    alive here; pdl: may start while the previous kernel on the stream runs (programmatic dependent launch)."""

    def __init__(self, fn_ptr, grid, block, smem, stream_ptr, params, pdl=False):
        self.params = params
        self.arr = (ctypes.c_void_p * len(params))(*[ctypes.cast(ctypes.byref(p), ctypes.c_void_p) for p in params])
        self.fn = ctypes.c_void_p(fn_ptr)
        self.attr = LaunchAttribute(PROGRAMMATIC_STREAM_SERIALIZATION, b"", (1).to_bytes(4, "little"))
        self.cfg = LaunchConfig((grid[0], grid[1], 1), (block, 1, 1), smem, ctypes.c_void_p(stream_ptr),
                                ctypes.pointer(self.attr), 1 if pdl else 0)

    def __call__(self):
        rc = _cuda.cuLaunchKernelEx(ctypes.byref(self.cfg), self.fn, self.arr, None)
        if rc != 0:
            raise RuntimeError("cuLaunchKernelEx failed: %d" % rc)
