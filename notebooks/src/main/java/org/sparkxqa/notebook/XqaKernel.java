package org.sparkxqa.notebook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

/**
 * The "Spark XQA (Java)" Jupyter kernel: cells are Java snippets run by JShell in the kernel's JVM,
 * where {@code spark} is the notebook's {@link Session}; a cell starting with {@code %%name} runs
 * a cell magic ({@code %%sql}). The last expression's value is shown (images as PNG, Datasets as
 * tables); errors name cell lines. Built by {@link XqaKernelBuilder}; one cell at a time.
 */
public final class XqaKernel extends BaseKernel {
    /** Snippets run before the first cell: imports, {@code display(...)} and the {@code spark} variable. */
    public static final List<String> STARTUP = List.of(
            "import java.util.*;",
            "import java.util.stream.*;",
            "import org.apache.spark.sql.*;",
            "import org.apache.spark.sql.types.*;",
            "import static org.apache.spark.sql.functions.*;",
            "import org.sparkxqa.core.*;",
            "import org.sparkxqa.core.backends.Backends;",
            "import org.sparkxqa.notebook.*;",
            "import static org.sparkxqa.notebook.Display.display;",
            "var spark = org.sparkxqa.notebook.Session.spark();");

    private final SnippetEvaluator evaluator;
    private boolean started;
    private CellException startupFailure;

    XqaKernel(
            String name,
            String version,
            LanguageInfo info,
            HistoryManager history,
            JupyterIO io,
            CommManager comms,
            Renderer renderer,
            MagicParser parser,
            MagicsRegistry magics,
            StringStyler styler,
            SnippetEvaluator evaluator) {
        super(
                name,
                version,
                info,
                List.of(new HelpLink("Spark XQA notebooks", "notebooks/README.md")),
                history,
                io,
                comms,
                renderer,
                parser,
                magics,
                false,
                styler);
        this.evaluator = evaluator;
        Display.attach(this::display);
    }

    /** A builder with the {@code %%sql} magic registered. */
    public static XqaKernelBuilder builder() {
        return new XqaKernelBuilder();
    }

    /** Runs the {@link #STARTUP} snippets (starting Spark) unless done; a failure is reported by the next cell. */
    public synchronized void warmUp() {
        if (started) {
            return;
        }
        started = true;
        for (String s : STARTUP) {
            try {
                evaluator.eval(s);
            } catch (CellException e) {
                List<String> report = new ArrayList<>(List.of("The kernel's startup snippet failed: " + s));
                report.addAll(e.report());
                startupFailure = new CellException(e.errorName(), e.getMessage(), report, e);
            }
        }
    }

    @Override
    public synchronized Object evalRaw(String code) {
        warmUp();
        if (startupFailure != null) {
            CellException e = startupFailure;
            startupFailure = null;
            throw e;
        }
        String cell = code.stripLeading();
        if (!cell.startsWith("%%")) {
            return evaluator.eval(code);
        }
        int eol = cell.indexOf('\n');
        List<String> head = Arrays.asList(
                cell.substring(2, eol < 0 ? cell.length() : eol).strip().split("\\s+"));
        String body = eol < 0 ? "" : cell.substring(eol + 1);
        if (!magicsRegistry.getCellMagicNames().contains(head.get(0))) {
            throw new IllegalArgumentException("unknown cell magic %%" + head.get(0) + "; known: "
                    + magicsRegistry.getCellMagicNames().stream()
                            .map(n -> "%%" + n)
                            .toList());
        }
        try {
            return magicsRegistry.evalCellMagic(this, head.get(0), head.subList(1, head.size()), body);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public DisplayData eval(String code) {
        Object value = evalRaw(code);
        return value == null ? null : Display.toDisplayData(value);
    }

    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof CellException c) {
            return c.report();
        }
        List<String> out = new ArrayList<>(List.of(e.getClass().getName() + ": " + e.getMessage()));
        Arrays.stream(e.getStackTrace()).limit(8).forEach(f -> out.add("    at " + f));
        return out;
    }

    @Override
    public synchronized DisplayData inspect(String code, int at, boolean extraDetail) {
        List<SourceCodeAnalysis.Documentation> docs = evaluator.analysis().documentation(code, at, false);
        return docs.isEmpty()
                ? null
                : new DisplayData(
                        String.join("\n", docs.stream().map(d -> d.signature()).toList()));
    }

    @Override
    public synchronized ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        List<String> options = evaluator.analysis().completionSuggestions(code, at, anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .toList();
        return options.isEmpty() ? null : new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public synchronized String isComplete(String code) {
        if (code.stripLeading().startsWith("%%")) {
            return IS_COMPLETE_YES;
        }
        return switch (evaluator.analysis().analyzeCompletion(code).completeness()) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> "    ";
            case UNKNOWN -> IS_COMPLETE_BAD;
        };
    }

    /** Interrupts the running snippet and cancels the session's running Spark jobs. */
    @Override
    public void interrupt() {
        evaluator.stop();
        Session.cancelAll();
    }

    @Override
    public void onShutdown(boolean restart) {
        evaluator.close();
        Session.stop();
        super.onShutdown(restart);
    }
}
