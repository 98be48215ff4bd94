package org.sparkxqa.spark.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.types.StructType;

/**
 * The row groups of a table's Parquet files: every file under the given paths (folders are walked;
 * names that start with {@code _} or {@code .}, such as {@code _SUCCESS} and checksum files, are
 * skipped, as Spark skips them), in path order, and for each the row groups its footer lists. Only
 * footers are read. Stateless.
 */
final class ParquetFiles {
    private ParquetFiles() {}

    /** One partition per non-empty row group of the files under {@code paths}. */
    static List<RowGroupPartition> rowGroups(List<String> paths, Configuration conf) {
        List<RowGroupPartition> out = new ArrayList<>();
        for (Path file : files(paths, conf)) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
                List<BlockMetaData> groups = reader.getRowGroups();
                for (int i = 0; i < groups.size(); i++) {
                    if (groups.get(i).getRowCount() > 0) {
                        out.add(new RowGroupPartition(
                                file.toString(), i, groups.get(i).getRowCount()));
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(
                        "cannot read the Parquet footer of " + file + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * Why the first file under {@code paths} cannot give every column of {@code schema} (a partition
     * column of {@code key=value} folders, which Spark's schema has and the files do not), or null.
     */
    static String missingColumn(StructType schema, List<String> paths, Configuration conf) {
        List<Path> files = files(paths, conf);
        if (files.isEmpty()) {
            return null;
        }
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(files.getFirst(), conf))) {
            FileColumn.resolve(schema, reader.getFileMetaData().getSchema());
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage() + " " + files.getFirst();
        } catch (IOException e) {
            return "cannot read the Parquet footer of " + files.getFirst() + ": " + e.getMessage();
        }
    }

    static List<Path> files(List<String> paths, Configuration conf) {
        List<Path> files = new ArrayList<>();
        try {
            for (String p : paths) {
                Path path = new Path(p);
                walk(path.getFileSystem(conf), path, files);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + paths, e);
        }
        return files;
    }

    private static void walk(FileSystem fs, Path path, List<Path> files) throws IOException {
        FileStatus status = fs.getFileStatus(path);
        if (status.isFile()) {
            files.add(status.getPath());
            return;
        }
        List<FileStatus> children = new ArrayList<>(List.of(fs.listStatus(path)));
        children.sort(null);
        for (FileStatus c : children) {
            String name = c.getPath().getName();
            if (!name.startsWith("_") && !name.startsWith(".")) {
                walk(fs, c.getPath(), files);
            }
        }
    }
}
