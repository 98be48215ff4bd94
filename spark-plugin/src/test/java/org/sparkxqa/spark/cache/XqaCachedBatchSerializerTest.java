package org.sparkxqa.spark.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.columnar.CachedBatch;
import org.apache.spark.sql.execution.columnar.DefaultCachedBatch;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparkxqa.spark.SparkTestSessions;
import scala.reflect.ClassTag$;

/**
 * {@link XqaCachedBatchSerializer} through Spark's cache: random rows of every stored type (NULLs,
 * empty and 300 KB binaries, empty arrays, NULL elements, nested arrays) filled from rows and from the
 * Parquet scan's batches (on- and off-heap vectors), read back columnar and as rows, equal to the
 * source; batches cut at {@code spark.sql.inMemoryColumnarStorage.batchSize}; empty partitions;
 * filters; on disk ({@code DISK_ONLY}) and serialized in memory; Java and Kryo serialization of
 * batches; relations with other types left to Spark's default serializer.
 */
class XqaCachedBatchSerializerTest {
    static final int ROWS = 300;
    private static SparkSession spark;
    private static String parquet;

    @BeforeAll
    static void start() throws Exception {
        spark = SparkTestSessions.start(SparkTestSessions.builder("XqaCachedBatchSerializerTest")
                .config("spark.sql.cache.serializer", XqaCachedBatchSerializer.class.getName())
                .config("spark.sql.parquet.columnarReaderBatchSize", "50")
                .config("spark.sql.inMemoryColumnarStorage.batchSize", "64"));
        parquet = Files.createTempDirectory("xqa-cache-serializer").resolve("t").toString();
        RandomRows.table(spark, ROWS, 3, 11).write().parquet(parquet);
    }

    @AfterAll
    static void stop() {
        SparkTestSessions.stop(spark);
    }

    @AfterEach
    void resetConf() {
        spark.conf().unset("spark.sql.inMemoryColumnarStorage.enableVectorizedReader");
        spark.conf().unset("spark.sql.columnVector.offheap.enabled");
    }

    @Test
    void rowsInColumnsAndRowsOut() {
        // a Dataset that ran before it was cached does not read its cache here: the source is made twice
        List<Row> expected = RandomRows.table(spark, ROWS, 4, 7).collectAsList();
        withCache(RandomRows.table(spark, ROWS, 4, 7), StorageLevel.MEMORY_AND_DISK(), cached -> {
            assertEquals(expected, bothOutputs(cached));
            assertFalse(CachedScans.scan(cached).relation().cachedPlan().supportsColumnar(), "filled from rows");
            checkBatches(cached);
            return null;
        });
    }

    @Test
    void columnsInFromTheParquetScanOnAndOffHeap() {
        List<Row> expected = spark.read().parquet(parquet).collectAsList();
        for (String offHeap : List.of("false", "true")) {
            spark.conf().set("spark.sql.columnVector.offheap.enabled", offHeap);
            withCache(spark.read().parquet(parquet), StorageLevel.MEMORY_AND_DISK(), cached -> {
                assertEquals(expected, bothOutputs(cached), "off-heap " + offHeap);
                assertTrue(CachedScans.scan(cached).relation().cachedPlan().supportsColumnar(), "filled from batches");
                checkBatches(cached);
                return null;
            });
        }
    }

    @Test
    void onDiskAndSerializedInMemoryTheRowsComeBackEqual() {
        List<Row> expected = spark.read().parquet(parquet).collectAsList();
        for (StorageLevel level : List.of(StorageLevel.DISK_ONLY(), StorageLevel.MEMORY_ONLY_SER())) {
            withCache(spark.read().parquet(parquet), level, cached -> {
                assertEquals(expected, bothOutputs(cached), level.description());
                RDDInfo info = Arrays.stream(spark.sparkContext().getRDDStorageInfo())
                        .filter(RDDInfo::isCached)
                        .findFirst()
                        .orElseThrow();
                assertEquals(level.useDisk(), info.diskSize() > 0, level.description() + ": " + info);
                assertEquals(level.useDisk(), info.memSize() == 0, level.description() + ": " + info);
                return null;
            });
        }
    }

    @Test
    void batchesSurviveJavaAndKryoSerialization() throws Exception {
        List<CachedBatch> batches =
                withCache(spark.read().parquet(parquet), StorageLevel.MEMORY_ONLY(), CachedScans::batches);
        SerializerInstance kryo = new KryoSerializer(new SparkConf()).newInstance();
        for (CachedBatch b : batches) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(b);
            }
            CachedBatch java;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                java = (CachedBatch) in.readObject();
            }
            CachedBatch viaKryo = kryo.deserialize(
                    kryo.serialize(b, ClassTag$.MODULE$.apply(CachedBatch.class)),
                    ClassTag$.MODULE$.apply(CachedBatch.class));
            for (CachedBatch copy : List.of(java, viaKryo)) {
                assertEquals(b.numRows(), copy.numRows());
                assertEquals(b.sizeInBytes(), copy.sizeInBytes());
                assertEquals(BatchRows.of(b, RandomRows.SCHEMA), BatchRows.of(copy, RandomRows.SCHEMA));
            }
        }
    }

    @Test
    void emptyPartitionsEmptyRelationsAndFilters() {
        List<Row> expected = RandomRows.table(spark, 5, 8, 3).collectAsList();
        withCache(RandomRows.table(spark, 5, 8, 3), StorageLevel.MEMORY_ONLY(), cached -> {
            assertEquals(expected, bothOutputs(cached));
            assertEquals(5, CachedScans.batches(cached).size(), "one batch per non-empty partition");
            return null;
        });
        withCache(RandomRows.table(spark, 40, 2, 3).where("id < 0"), StorageLevel.MEMORY_ONLY(), cached -> {
            assertEquals(List.of(), bothOutputs(cached));
            assertEquals(List.of(), CachedScans.batches(cached));
            return null;
        });
        Dataset<Row> source = spark.read().parquet(parquet);
        List<Row> filtered = source.where("i > 0 AND s IS NOT NULL")
                .select("id", "s", "tree")
                .collectAsList();
        withCache(source, StorageLevel.MEMORY_ONLY(), cached -> {
            assertEquals(
                    filtered,
                    cached.where("i > 0 AND s IS NOT NULL")
                            .select("id", "s", "tree")
                            .collectAsList());
            return null;
        });
    }

    @Test
    void relationsWithOtherTypesAreLeftToSparksDefaultSerializer() {
        String[] columns = {"id", "b", "CAST(id AS DECIMAL(20, 2)) AS dec", "map('k', i) AS m"};
        List<Row> expected = spark.read().parquet(parquet).selectExpr(columns).collectAsList();
        List<Row> filtered = spark.read()
                .parquet(parquet)
                .selectExpr(columns)
                .where("id < 10")
                .collectAsList();
        withCache(spark.read().parquet(parquet).selectExpr(columns), StorageLevel.MEMORY_ONLY(), cached -> {
            assertEquals(expected, cached.collectAsList());
            assertEquals(filtered, cached.where("id < 10").collectAsList());
            assertFalse(CachedScans.scan(cached).supportsColumnar());
            assertTrue(CachedScans.batches(cached).stream().allMatch(b -> b instanceof DefaultCachedBatch));
            return null;
        });
    }

    /** The rows of {@code cached} read columnar, then read as rows; asserts they agree and that both paths ran. */
    private static List<Row> bothOutputs(Dataset<Row> cached) {
        Dataset<Row> columnar = cached.select("*");
        List<Row> viaColumns = columnar.collectAsList();
        assertTrue(CachedScans.scan(columnar).supportsColumnar(), "columnar output");
        spark.conf().set("spark.sql.inMemoryColumnarStorage.enableVectorizedReader", "false");
        try {
            Dataset<Row> rows = cached.select("*");
            List<Row> viaRows = rows.collectAsList();
            assertFalse(CachedScans.scan(rows).supportsColumnar(), "row output");
            assertEquals(viaColumns, viaRows, "columnar and row outputs");
            return viaRows;
        } finally {
            spark.conf().unset("spark.sql.inMemoryColumnarStorage.enableVectorizedReader");
        }
    }

    /** Every batch is this serializer's, holds at most the configured 64 rows, and all rows are there. */
    private static void checkBatches(Dataset<Row> cached) {
        List<CachedBatch> batches = CachedScans.batches(cached);
        long rows = 0;
        for (CachedBatch b : batches) {
            assertTrue(b instanceof XqaCachedBatch && b.numRows() > 0 && b.numRows() <= 64, b.toString());
            rows += b.numRows();
        }
        assertEquals(cached.count(), rows);
        assertTrue(batches.size() > 3, "several batches per partition: " + batches.size());
    }

    private static <T> T withCache(Dataset<Row> source, StorageLevel level, Function<Dataset<Row>, T> body) {
        Dataset<Row> cached = source.persist(level);
        try {
            return body.apply(cached);
        } finally {
            cached.unpersist(true);
        }
    }
}
