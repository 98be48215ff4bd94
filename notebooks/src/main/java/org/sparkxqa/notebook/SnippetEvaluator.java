package org.sparkxqa.notebook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Evaluates notebook cells with JShell in this JVM: a cell is split into snippets (declarations,
 * statements, expressions) evaluated in order; its value is that of its last snippet when that is an
 * expression. Definitions persist across cells. Snippets see the JVM's class path (JShell compiles
 * against {@code java.class.path}) and share its objects. Not thread-safe: one cell at a time.
 */
public final class SnippetEvaluator implements AutoCloseable {
    private final JShell shell;
    private final SnippetExecutionControl[] control = new SnippetExecutionControl[1];
    private final Map<String, SnippetOrigin> origins = new HashMap<>();
    private int cellsRun;

    /** A fresh JShell running its snippets in this JVM. */
    public SnippetEvaluator() {
        this.shell = JShell.builder()
                .executionEngine(SnippetExecutionControl.provider(c -> control[0] = c), null)
                .build();
    }

    /**
     * Runs a cell and returns the value of its last snippet when that is an expression, else null.
     *
     * @throws CellException when a snippet does not compile or throws; the snippets before it have run
     */
    public Object eval(String text) {
        CellSource cell = CellSource.split(shell.sourceCodeAnalysis(), text);
        int cellNo = ++cellsRun;
        Object value = null;
        for (CellSource.Piece piece : cell.pieces()) {
            value = null;
            for (SnippetEvent ev : shell.eval(piece.source())) {
                if (ev.causeSnippet() != null) {
                    continue;
                }
                Snippet s = ev.snippet();
                origins.put(s.id(), new SnippetOrigin(cell, cellNo, cell.startLine(piece)));
                if (ev.status() == Snippet.Status.REJECTED || ev.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    throw ErrorReports.compile(cell, piece, diagnostics(s));
                }
                if (ev.exception() != null) {
                    throw ErrorReports.runtime(cellNo, ev.exception(), origins);
                }
                Object v = control[0].takeLastValue();
                if (isExpression(s)) {
                    value = v;
                }
            }
        }
        return value;
    }

    /** JShell's analysis of partial code, for completion and is-complete checks. */
    public SourceCodeAnalysis analysis() {
        return shell.sourceCodeAnalysis();
    }

    /** Interrupts the running snippet, if any. */
    public void stop() {
        if (control[0] != null) {
            control[0].stop();
        }
    }

    @Override
    public void close() {
        shell.close();
    }

    private List<ErrorReports.Problem> diagnostics(Snippet s) {
        List<ErrorReports.Problem> problems = new ArrayList<>();
        shell.diagnostics(s)
                .filter(jdk.jshell.Diag::isError)
                .forEach(d -> problems.add(new ErrorReports.Problem(
                        d.getMessage(null),
                        d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition(),
                        d.getEndPosition())));
        if (problems.isEmpty() && s instanceof DeclarationSnippet d) {
            String missing = shell.unresolvedDependencies(d).collect(Collectors.joining(", "));
            problems.add(new ErrorReports.Problem("cannot resolve: " + missing, 0, 1));
        }
        return problems;
    }

    private static boolean isExpression(Snippet s) {
        return s.kind() == Snippet.Kind.EXPRESSION || s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }
}
