"""Runs Spark XQA notebooks headless with nbclient; exits 1 when any cell of any notebook fails.

Called by `xqa-notebook execute` (which puts the kernelspec on JUPYTER_PATH). A notebook whose metadata
has {"sparkxqa": {"requires_plugin": true}} is skipped, saying why, when the kernel's class path lacks
the Spark XQA plugin (unless --require-plugin); notebooks for other kernels (PySpark) are skipped too.
Executed copies are written to --out for inspection. The last line reads "notebooks: N passed, N failed, N skipped".
"""
import argparse
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def failure(nb):
    """The failing cell's source and the error output the kernel published for it (its own report)."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                return "\n".join(["cell:", cell.source, "error:", *out.traceback])
    return "(no error output recorded)"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("notebooks", nargs="+", type=pathlib.Path)
    p.add_argument("--kernel", required=True)
    p.add_argument("--plugin", choices=["yes", "no"], required=True)
    p.add_argument("--require-plugin", action="store_true")
    p.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    p.add_argument("--out", type=pathlib.Path, default=None)
    a = p.parse_args()
    passed = failed = skipped = 0
    for path in a.notebooks:
        nb = nbformat.read(path, as_version=4)
        kernel = nb.metadata.get("kernelspec", {}).get("name")
        if kernel != a.kernel:
            print(f"SKIPPED {path.name}: its kernel is {kernel!r}, not {a.kernel} (not run here)")
            skipped += 1
            continue
        if nb.metadata.get("sparkxqa", {}).get("requires_plugin") and a.plugin == "no" and not a.require_plugin:
            print(f"SKIPPED {path.name}: needs org.sparkxqa.spark.XqaPlugin, which is not on the kernel's class path")
            skipped += 1
            continue
        client = NotebookClient(nb, timeout=a.timeout, startup_timeout=180, kernel_name=a.kernel, coalesce_streams=True,
                                resources={"metadata": {"path": str(path.parent.resolve())}})
        start = time.time()
        try:
            client.execute()
            cells = sum(1 for c in nb.cells if c.cell_type == "code")
            print(f"PASSED {path.name}: {cells} code cells in {time.time() - start:.1f}s")
            passed += 1
        except CellExecutionError:
            print(f"FAILED {path.name} after {time.time() - start:.1f}s:\n{failure(nb)}")
            failed += 1
        except Exception as e:  # kernel died, timeout
            print(f"FAILED {path.name}: {type(e).__name__}: {e}")
            failed += 1
        finally:
            if a.out:
                a.out.mkdir(parents=True, exist_ok=True)
                nbformat.write(nb, a.out / path.name)
    print(f"notebooks: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
