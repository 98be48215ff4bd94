package org.sparkxqa.spark.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sparkxqa.core.AttentionSpec;
import org.sparkxqa.core.BackendKind;
import org.sparkxqa.core.BatchCap;
import org.sparkxqa.core.memory.InjectedFaults;

/**
 * Every {@code spark.xqa.*} key, declared once, and an immutable validated snapshot of their values.
 * {@code docs/configs.md} is generated from these declarations ({@link ConfigDocs}). Thread-safe.
 */
public final class XqaConf {
    public static final String PREFIX = "spark.xqa.";

    public static final ConfigKey<BackendKind> BACKEND = new ConfigKey<>(
            PREFIX + "backend",
            "auto|gpu|cpu",
            "auto",
            true,
            BackendKind::parse,
            "Which backend computes attention. auto: the GPU when one is usable, else the CPU backend, logging why. "
                    + "gpu: fail fast with a message naming what is missing (driver, device, NVRTC). cpu: the reference backend, "
                    + "with one thread per core of the executor (local[N]: N; else spark.executor.cores, whose default is "
                    + "Spark's: 1 on YARN and Kubernetes, the whole host in standalone mode).");
    public static final ConfigKey<Integer> BATCH_MAX_ROWS = new ConfigKey<>(
            PREFIX + "batch.maxRows",
            "int (>= 1)",
            "256",
            false,
            ConfigKey::positiveInt,
            "Most requests (rows) evaluated by one kernel launch.");
    public static final ConfigKey<MaxBytes> BATCH_MAX_BYTES = new ConfigKey<>(
            PREFIX + "batch.maxBytes",
            "bytes (k/m/g suffix) or auto",
            "auto",
            false,
            MaxBytes::parse,
            "Most q+k+v bytes a task buffers for one launch. A task holds at most one batch plus one row of its input on "
                    + "the Java heap, and every task slot of an executor may hold one at the same time. auto: "
                    + "min(" + BatchCap.TEXT
                    + ", (executor heap - 300 MiB) * (1 - spark.memory.fraction) / task slots), at least 1 MiB, "
                    + "i.e. the heap Spark leaves to user code shared by the tasks, where task slots = the executor's cores "
                    + "(local[N]: N; else "
                    + "spark.executor.cores) / spark.task.cpus; each executor computes it and logs it once. An explicit value is "
                    + "used as is (logged with a warning when it exceeds that share). A single row larger than the budget forms "
                    + "a batch of its own.");
    public static final ConfigKey<Double> MEMORY_POOL_FRACTION = new ConfigKey<>(
            PREFIX + "memory.poolFraction",
            "double in (0, 0.95]",
            "0.5",
            true,
            ConfigKey::fraction,
            "Fraction of the GPU's free memory given to the RMM pool at executor start (skipped when RMM is already set up, "
                    + "e.g. by spark-rapids).");
    public static final ConfigKey<String> JIT_CACHE_DIR = new ConfigKey<>(
            PREFIX + "jit.cacheDir",
            "path",
            "",
            true,
            s -> s,
            "Folder of the on-disk kernel cache (created 0700; an existing folder that group or others can write is not "
                    + "used, with a logged reason). Empty: ${XDG_CACHE_HOME:-~/.cache}/spark-xqa/jit.");
    public static final ConfigKey<Long> JIT_CACHE_MAX_BYTES = new ConfigKey<>(
            PREFIX + "jit.cache.maxBytes",
            "bytes (k/m/g suffix)",
            "1g",
            true,
            ConfigKey::bytes,
            "Size limit of the on-disk kernel cache, applied once when an executor opens it: while its kernel files "
                    + "exceed it, the least recently used ones outside the folders of this build (other project or NVRTC "
                    + "versions) are deleted. The folders in use are never deleted. See docs/RELIABILITY.md.");
    public static final ConfigKey<Integer> JIT_CACHE_MAX_AGE_DAYS = new ConfigKey<>(
            PREFIX + "jit.cache.maxAgeDays",
            "int (>= 1)",
            "30",
            true,
            ConfigKey::positiveInt,
            "Age limit of the on-disk kernel cache, applied once when an executor opens it: a kernel file neither "
                    + "written nor read for this many days is deleted, in any folder.");
    public static final ConfigKey<List<AttentionSpec>> JIT_WARMUP = new ConfigKey<>(
            PREFIX + "jit.warmup",
            "list of dtype:Hq:Hkv:D[:kvDtype]",
            "",
            true,
            WarmupSpecs::parse,
            "Specs whose kernels every executor compiles (or loads from the disk cache) at startup, e.g. bf16:32:8:128.");
    public static final ConfigKey<String> NVRTC_PATH = new ConfigKey<>(
            PREFIX + "nvrtc.path",
            "path",
            "",
            true,
            s -> s,
            "libnvrtc.so.13 (or its folder). Empty: XQA_NVRTC_PATH, CUDA_HOME/CUDA_PATH, /usr/local/cuda, the pip package "
                    + "nvidia-cuda-nvrtc, then the loader's path.");
    public static final ConfigKey<InvalidRowPolicy> ON_INVALID_ROW = new ConfigKey<>(
            PREFIX + "onInvalidRow",
            "fail|null",
            "fail",
            false,
            InvalidRowPolicy::parse,
            "fail: the task fails with the row's id and the reason. null: out is NULL and the xqa_error column says why.");
    public static final ConfigKey<QueryBackend> QUERY_BACKEND = new ConfigKey<>(
            PREFIX + "queryBackend",
            "executor|cpu",
            "executor",
            false,
            QueryBackend::parse,
            "Which backend this session's queries use. executor: the one spark.xqa.backend opened on each executor at "
                    + "startup. cpu: the CPU reference backend (opened on first use with the executor's task cores), e.g. to "
                    + "compare it with the GPU on the same data in one session, as xqa bench does.");
    public static final ConfigKey<Integer> CONCURRENT_GPU_TASKS = new ConfigKey<>(
            PREFIX + "concurrentGpuTasks",
            "int (>= 1)",
            "2",
            true,
            ConfigKey::positiveInt,
            "Most tasks of one executor using the GPU at the same time; others wait.");
    public static final ConfigKey<Boolean> PACK_BEFORE_GPU_PERMIT = new ConfigKey<>(
            PREFIX + "gpu.packBeforePermit",
            "true|false",
            "false",
            true,
            ConfigKey::bool,
            "Experimental. true: a GPU task packs its batch's first chunk into staging memory before it takes one of the "
                    + "concurrentGpuTasks permits, so tasks pack in parallel and the permits bound only copies, launches and "
                    + "results; each packing task then holds its staging buffers (pinned while cuDF's pinned pool has room, "
                    + "else pageable) and device buffers outside the bound. false: the permit covers the whole call.");
    public static final ConfigKey<Boolean> COLUMNAR = new ConfigKey<>(
            PREFIX + "columnar.enabled",
            "true|false",
            "true",
            false,
            ConfigKey::bool,
            "Whether xqa_attention consumes columnar input when its child produces it (the Parquet vectorized scan, a "
                    + "columnar source): q, k and v then reach the backend as views of the column vectors, the input columns "
                    + "pass through uncopied and the result is a column. false: always the row path. Inputs that are "
                    + "expressions rather than columns always take the row path.");

    public static final ConfigKey<Long> GPU_READER_CHUNK_BYTES = new ConfigKey<>(
            PREFIX + "gpuReader.chunkBytes",
            "bytes (k/m/g suffix, >= 1m)",
            "1g",
            false,
            ConfigKey::atLeastOneMiB,
            "GPU reader (run --gpu-reader): most bytes of decoded columns cuDF's chunked Parquet reader hands over at a "
                    + "time, and most bytes of file data it reads and decodes for them; a file larger than this is "
                    + "evaluated and encoded chunk by chunk into one output file. cuDF cuts chunks only between Parquet "
                    + "pages and reads at least one row group per pass, so a file of one page per column is one chunk "
                    + "whatever the limit: write request files with parquet.page.size.row.check.min=1 (as generate "
                    + "does) so pages and row groups keep to their sizes. A chunk that runs "
                    + "out of device memory "
                    + "is retried with half the limit, down to 1 MiB, before the task fails with the file, the limit and "
                    + "the allocator's message.");

    /** Keys under this prefix are for tests only and documented so. */
    public static final String TEST_PREFIX = PREFIX + "test.";

    public static final ConfigKey<InjectedFaults> TEST_FAULTS = new ConfigKey<>(
            TEST_PREFIX + "faults",
            "list of oom-nth:N, oom-above:BYTES, fail-nth:N, block-nth:N",
            "",
            true,
            InjectedFaults::parse,
            "Test only; never set it in production. Faults injected into this executor's backend calls to test recovery: "
                    + "oom-nth:N fails the Nth staging allocation as out of memory, oom-above:BYTES every allocation above "
                    + "BYTES; fail-nth:N throws inside the Nth backend call, block-nth:N blocks the Nth call until its task is "
                    + "killed. On the CPU backend each call stages through a simulated allocator of pinned and device memory "
                    + "(counted like real buffers); on the GPU backend the real allocations are checked. Empty: none.");

    /** All keys, in documentation order. */
    public static final List<ConfigKey<?>> ALL = List.of(
            BACKEND,
            BATCH_MAX_ROWS,
            BATCH_MAX_BYTES,
            MEMORY_POOL_FRACTION,
            JIT_CACHE_DIR,
            JIT_CACHE_MAX_BYTES,
            JIT_CACHE_MAX_AGE_DAYS,
            JIT_WARMUP,
            NVRTC_PATH,
            ON_INVALID_ROW,
            QUERY_BACKEND,
            CONCURRENT_GPU_TASKS,
            PACK_BEFORE_GPU_PERMIT,
            COLUMNAR,
            GPU_READER_CHUNK_BYTES,
            TEST_FAULTS);

    private final Map<ConfigKey<?>, Object> values;

    private XqaConf(Map<ConfigKey<?>, Object> values) {
        this.values = values;
    }

    /**
     * Validates every {@code spark.xqa.*} entry of {@code settings} (other keys are ignored).
     *
     * @throws IllegalArgumentException on an unknown {@code spark.xqa.*} key or a bad value, naming it
     */
    public static XqaConf from(Map<String, String> settings) {
        Map<ConfigKey<?>, Object> values = new HashMap<>();
        for (ConfigKey<?> key : ALL) {
            values.put(key, key.defaultValue());
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (!e.getKey().startsWith(PREFIX)) {
                continue;
            }
            ConfigKey<?> key = key(e.getKey());
            if (key == null) {
                throw new IllegalArgumentException("unknown setting " + e.getKey() + "; known: "
                        + ALL.stream().map(ConfigKey::name).toList());
            }
            values.put(key, key.parse(e.getValue()));
        }
        return new XqaConf(Map.copyOf(values));
    }

    /** The declared key of this name, or null when there is none. */
    public static ConfigKey<?> key(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst().orElse(null);
    }

    /** All defaults. */
    public static XqaConf defaults() {
        return from(Map.of());
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        return (T) values.get(key);
    }
}
