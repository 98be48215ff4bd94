"""The kernel ABI's structs for the Python harness, read from the CUDA headers themselves (no copy
here): XqaDescribe (xqa_describe.cuh) and the launch tables XqaRequest, XqaWork, XqaMergeItem
(xqa_abi.cuh) as numpy dtypes, field names as in C. The Java host mirrors the same structs and tests
compile that mirror against the headers."""
import os
import re
import numpy as np

_CTYPES = {"int": "<i4", "long long": "<i8"}
_FIELD = re.compile(r"^\s*(int|long long)\s+(\w+);")


def struct_dtype(src_dir, header, name):
    """numpy dtype of `struct [__align__(n)] name { ... };` in header: one `int x;` / `long long x;` per line."""
    text = open(os.path.join(src_dir, header)).read()
    m = re.search(r"struct\s+(?:__align__\(\d+\)\s+)?%s\s*\{(.*?)\n\};" % name, text, re.S)
    if not m:
        raise ValueError("no struct %s in %s" % (name, header))
    fields = [(f.group(2), _CTYPES[f.group(1)]) for f in map(_FIELD.match, m.group(1).splitlines()) if f]
    return np.dtype(fields)


def describe_dtype(src_dir):
    return struct_dtype(src_dir, "xqa_describe.cuh", "XqaDescribe")


def table_dtypes(src_dir):
    """{"requests": XqaRequest, "work": XqaWork, "merge": XqaMergeItem} dtypes."""
    return {"requests": struct_dtype(src_dir, "xqa_abi.cuh", "XqaRequest"),
            "work": struct_dtype(src_dir, "xqa_abi.cuh", "XqaWork"),
            "merge": struct_dtype(src_dir, "xqa_abi.cuh", "XqaMergeItem")}


def abi_version(src_dir):
    return int(re.search(r"#define XQA_ABI_VERSION (\d+)", open(os.path.join(src_dir, "xqa_abi.cuh")).read()).group(1))


def read_describe(raw, src_dir):
    """The XqaDescribe the kernel wrote (raw bytes, at least its size) as a dict, version and size checked."""
    dt = describe_dtype(src_dir)
    d = np.frombuffer(bytes(raw[:dt.itemsize]), dt)[0]
    desc = {n: int(d[n]) for n in dt.names}
    if desc["abi_version"] != abi_version(src_dir) or desc["describe_bytes"] != dt.itemsize:
        raise RuntimeError("kernel describes ABI %d, %d bytes; the headers say %d, %d bytes" % (
            desc["abi_version"], desc["describe_bytes"], abi_version(src_dir), dt.itemsize))
    return desc
