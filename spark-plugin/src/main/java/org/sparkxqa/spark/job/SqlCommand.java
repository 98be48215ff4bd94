package org.sparkxqa.spark.job;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.sparkxqa.spark.config.XqaConf;
import org.sparkxqa.spark.job.sql.CellText;
import org.sparkxqa.spark.job.sql.QueryErrors;
import org.sparkxqa.spark.job.sql.ResultPrinter;
import org.sparkxqa.spark.job.sql.SqlScript;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code xqa sql}: runs SQL statements in a session with the Spark XQA plugin and prints each result
 * ({@link ResultPrinter}: a text table, {@code EXPLAIN} whole, {@code OK} without a result). A query error
 * stops the script with its message ({@link QueryErrors}) and exit code 1; {@code --verbose} adds the trace.
 */
@Command(
        name = "sql",
        mixinStandardHelpOptions = true,
        description = "Run SQL (xqa_attention and the other functions included) in a local session with the Spark XQA"
                + " plugin; print each result as a table.")
final class SqlCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Mixin
    SessionOptions session;

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @Option(
                names = {"-e", "--execute"},
                paramLabel = "SQL",
                description = "Statements to run (';' separated).")
        String sql;

        @Option(
                names = {"-f", "--file"},
                paramLabel = "FILE",
                description = "A file of statements to run.")
        Path file;
    }

    @Option(
            names = "--conf",
            paramLabel = "KEY=VALUE",
            description = "A Spark setting, e.g. spark.xqa.backend=cpu " + "(repeatable).")
    Map<String, String> conf = new TreeMap<>();

    @Option(
            names = "--max-rows",
            paramLabel = "N",
            defaultValue = "50",
            description = "Rows printed per result (default ${DEFAULT-VALUE}).")
    int maxRows;

    @Option(
            names = "--truncate",
            paramLabel = "N",
            defaultValue = "" + CellText.TEXT,
            description = "Characters of text shown per cell, binary values and arrays abbreviated (default "
                    + "${DEFAULT-VALUE}); 0 shows every value whole.")
    int truncate;

    @Option(names = "--verbose", description = "On a query error, print its stack trace after the message.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        List<String> statements = SqlScript.statements(source.sql != null ? source.sql : Files.readString(source.file));
        if (maxRows < 1 || truncate < 0) {
            throw new ParameterException(
                    command.commandLine(), maxRows < 1 ? "--max-rows must be >= 1" : "--truncate must be >= 0");
        }
        try {
            XqaConf.from(conf);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
        SparkSession spark = session.open("xqa sql", conf);
        ResultPrinter printer = new ResultPrinter(command.commandLine().getOut(), maxRows, truncate);
        for (int n = 0; n < statements.size(); n++) {
            try {
                printer.print(spark.sql(statements.get(n)));
            } catch (RuntimeException e) {
                return failed(e, statements.size() > 1 ? n + 1 : 0);
            }
        }
        return 0;
    }

    /** A query error as its message (trace with --verbose) and exit code 1; anything else is rethrown. */
    private int failed(RuntimeException error, int statement) {
        String message = QueryErrors.message(error).orElseThrow(() -> error);
        PrintWriter err = command.commandLine().getErr();
        err.println("xqa sql: error" + (statement > 0 ? " in statement " + statement : "") + ": " + message);
        if (verbose) {
            error.printStackTrace(err);
        }
        err.flush();
        return JobErrorHandler.FAILED;
    }
}
