package org.sparkxqa.spark.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;

/**
 * Request files cut into many Parquet pages and row groups, for tests of cuDF's chunked reader, which
 * cuts chunks only between pages and reads whole row groups per pass. Spark's writer checks the page
 * size only every 100 rows, so a file of few large rows is otherwise one page per column. Stateless.
 */
final class ParquetPages {
    /** What the files of one folder hold: files, row groups and pages of column {@code k}, in all. */
    record Layout(int files, int rowGroups, long kPages) {}

    private ParquetPages() {}

    /**
     * Rewrites the table at {@code in} into {@code out} with at most {@code rowsPerPage} rows in a page
     * and {@code rowsPerGroup} in a row group, keeping rows, columns and files; returns {@code out}.
     */
    static String rewrite(SparkSession spark, String in, Path out, int rowsPerPage, int rowsPerGroup) {
        spark.read()
                .parquet(in)
                .write()
                .option("parquet.page.row.count.limit", rowsPerPage)
                .option("parquet.page.size.row.check.min", 1)
                .option("parquet.page.size.row.check.max", rowsPerPage)
                .option("parquet.block.row.count.limit", rowsPerGroup)
                .parquet(out.toString());
        return out.toString();
    }

    /** The layout of the Parquet files directly under {@code dir}, read from their footers. */
    static Layout layout(Path dir) {
        Configuration conf = new Configuration();
        int files = 0;
        int groups = 0;
        long kPages = 0;
        for (Path file : parquetFiles(dir)) {
            files++;
            try (ParquetFileReader reader = ParquetFileReader.open(
                    HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))) {
                for (BlockMetaData block : reader.getFooter().getBlocks()) {
                    groups++;
                    for (ColumnChunkMetaData column : block.getColumns()) {
                        if (column.getPath().toDotString().equals("k")) {
                            kPages += reader.readOffsetIndex(column).getPageCount();
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Layout(files, groups, kPages);
    }

    /** Bytes of the Parquet files directly under {@code dir}. */
    static long bytes(Path dir) {
        long sum = 0;
        for (Path file : parquetFiles(dir)) {
            try {
                sum += Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sum;
    }

    private static List<Path> parquetFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
