package org.sparkxqa.spark.job;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkxqa.spark.config.XqaConf;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code xqa sql}: runs SQL statements in a session with the Spark XQA plugin and prints each result
 * as a text table ({@link CellText}: binary values abbreviated); statements without a result print
 * {@code OK}.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run SQL (xqa_attention and the other functions included) in a local session with the Spark XQA"
        + " plugin; print each result as a table.")
final class SqlCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @Mixin SessionOptions session;

  @ArgGroup(multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = {"-e", "--execute"}, paramLabel = "SQL", description = "Statements to run (';' separated).")
    String sql;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "A file of statements to run.")
    Path file;
  }

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting, e.g. spark.xqa.backend=cpu "
      + "(repeatable).")
  Map<String, String> conf = new TreeMap<>();

  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "50",
      description = "Rows printed per result (default ${DEFAULT-VALUE}).")
  int maxRows;

  @Override
  public Integer call() throws IOException {
    List<String> statements = SqlScript.statements(source.sql != null ? source.sql : Files.readString(source.file));
    if (maxRows < 1) {
      throw new ParameterException(command.commandLine(), "--max-rows must be >= 1");
    }
    try {
      XqaConf.from(conf);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
    SparkSession spark = session.open("xqa sql", conf);
    PrintWriter out = command.commandLine().getOut();
    for (String statement : statements) {
      print(spark.sql(statement), out);
    }
    return 0;
  }

  private void print(Dataset<Row> result, PrintWriter out) {
    String[] columns = result.columns();
    if (columns.length == 0) {
      out.println("OK");
      out.flush();
      return;
    }
    List<Row> rows = result.limit(maxRows + 1).collectAsList();
    TextTable table = new TextTable(columns);
    for (Row row : rows.subList(0, Math.min(maxRows, rows.size()))) {
      Object[] cells = new Object[columns.length];
      for (int i = 0; i < cells.length; i++) {
        cells[i] = CellText.of(row.get(i));
      }
      table.row(cells);
    }
    table.print(out);
    out.println(rows.size() > maxRows ? "(first " + maxRows + " rows shown)" : "(" + rows.size() + " rows)");
    out.flush();
  }
}
