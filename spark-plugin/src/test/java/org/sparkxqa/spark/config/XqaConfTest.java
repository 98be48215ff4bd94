package org.sparkxqa.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkxqa.core.BackendKind;

class XqaConfTest {

    @Test
    void defaultsParse() {
        XqaConf conf = XqaConf.defaults();
        assertEquals(BackendKind.AUTO, conf.get(XqaConf.BACKEND));
        assertEquals(256, conf.get(XqaConf.BATCH_MAX_ROWS));
        assertEquals(MaxBytes.AUTO, conf.get(XqaConf.BATCH_MAX_BYTES), "auto: derived per executor");
        assertEquals(InvalidRowPolicy.FAIL, conf.get(XqaConf.ON_INVALID_ROW));
        assertEquals(QueryBackend.EXECUTOR, conf.get(XqaConf.QUERY_BACKEND));
        assertTrue(conf.get(XqaConf.JIT_WARMUP).isEmpty());
        assertEquals(1L << 30, conf.get(XqaConf.JIT_CACHE_MAX_BYTES));
        assertEquals(30, conf.get(XqaConf.JIT_CACHE_MAX_AGE_DAYS));
        assertTrue(XqaConf.JIT_CACHE_MAX_BYTES.startupOnly() && XqaConf.JIT_CACHE_MAX_AGE_DAYS.startupOnly());
    }

    @Test
    void jitCacheLimitsAreValidated() {
        XqaConf conf =
                XqaConf.from(Map.of("spark.xqa.jit.cache.maxBytes", "512m", "spark.xqa.jit.cache.maxAgeDays", "7"));
        assertEquals(512L << 20, conf.get(XqaConf.JIT_CACHE_MAX_BYTES));
        assertEquals(7, conf.get(XqaConf.JIT_CACHE_MAX_AGE_DAYS));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> XqaConf.from(Map.of("spark.xqa.jit.cache.maxBytes", "0")));
        assertTrue(
                e.getMessage().contains("spark.xqa.jit.cache.maxBytes")
                        && e.getMessage().contains("must be positive"),
                e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> XqaConf.from(Map.of("spark.xqa.jit.cache.maxAgeDays", "0")));
        assertTrue(
                e.getMessage().contains("spark.xqa.jit.cache.maxAgeDays")
                        && e.getMessage().contains(">= 1"),
                e.getMessage());
    }

    @Test
    void valuesAreParsedAndOtherKeysIgnored() {
        XqaConf conf = XqaConf.from(Map.of(
                "spark.xqa.backend",
                "CPU",
                "spark.xqa.batch.maxBytes",
                "2k",
                "spark.xqa.jit.warmup",
                "bf16:32:8:128, fp16:8:8:64:bf16",
                "spark.master",
                "local[2]"));
        assertEquals(BackendKind.CPU, conf.get(XqaConf.BACKEND));
        assertEquals(new MaxBytes.Fixed(2048L), conf.get(XqaConf.BATCH_MAX_BYTES));
        assertEquals(2, conf.get(XqaConf.JIT_WARMUP).size());
        assertEquals(4, conf.get(XqaConf.JIT_WARMUP).get(0).group());
        assertEquals(
                MaxBytes.AUTO,
                XqaConf.from(Map.of("spark.xqa.batch.maxBytes", "AUTO")).get(XqaConf.BATCH_MAX_BYTES));
        assertEquals(
                QueryBackend.CPU,
                XqaConf.from(Map.of("spark.xqa.queryBackend", "cpu")).get(XqaConf.QUERY_BACKEND));
    }

    @Test
    void badValuesNameTheKey() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> XqaConf.from(Map.of("spark.xqa.batch.maxRows", "0")));
        assertTrue(
                e.getMessage().contains("spark.xqa.batch.maxRows")
                        && e.getMessage().contains(">= 1"),
                e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> XqaConf.from(Map.of("spark.xqa.jit.warmup", "bf16:32:8:96")));
        assertTrue(e.getMessage().contains("head dim 96"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> XqaConf.from(Map.of("spark.xqa.onInvalidRow", "drop")));
        assertTrue(e.getMessage().contains("fail or null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> XqaConf.from(Map.of("spark.xqa.batch.maxBytes", "0")));
        assertTrue(
                e.getMessage().contains("spark.xqa.batch.maxBytes")
                        && e.getMessage().contains("or auto"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> XqaConf.from(Map.of("spark.xqa.queryBackend", "gpu")));
        assertTrue(e.getMessage().contains("use executor or cpu"), e.getMessage());
    }

    @Test
    void unknownKeyIsRejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> XqaConf.from(Map.of("spark.xqa.batch.maxrow", "4")));
        assertTrue(e.getMessage().contains("unknown setting spark.xqa.batch.maxrow"), e.getMessage());
    }

    @Test
    void generatedDocsAreCurrent() throws IOException {
        Path committed = Path.of("..", "docs", "configs.md");
        assertTrue(Files.exists(committed), "docs/configs.md is missing: run ./xqa docs");
        assertEquals(
                ConfigDocs.markdown(),
                Files.readString(committed),
                "docs/configs.md is stale: regenerate it with ./xqa docs (ConfigDocs)");
    }
}
