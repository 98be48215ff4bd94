package org.sparkxqa.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

public class SnippetEvaluatorTest {
    /** A static holder, read by snippets: the way the kernel hands {@code spark} to them. */
    public static volatile Object shared;

    private static SnippetEvaluator eval;

    @BeforeAll
    static void start() {
        eval = new SnippetEvaluator();
    }

    @AfterAll
    static void stop() {
        eval.close();
    }

    @Test
    void lastExpressionIsTheCellValueAndDefinitionsPersist() {
        assertNull(eval.eval("int a = 20;\nint b = 22;"));
        assertEquals(42, eval.eval("// the answer\nint c = a + b;\nc"));
        assertNull(eval.eval("int d = a;"), "a declaration has no value");
        assertEquals("x42", eval.eval("String f(int v) { return \"x\" + v; }\nf(a + b)"));
    }

    @Test
    void snippetsShareObjectsWithTheKernelJvm() {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        shared = img;
        Object back = eval.eval(
                "var img = (java.awt.image.BufferedImage) org.sparkxqa.notebook.SnippetEvaluatorTest.shared;\nimg");
        assertSame(img, back, "the snippet sees the very object, not a copy or a string");
    }

    @Test
    void compileErrorNamesCellLineAndColumn() {
        CellException e =
                assertThrows(CellException.class, () -> eval.eval("int ok = 1;\n\n  int bad = ok + missingThing;\n"));
        assertEquals("CompilationError", e.errorName());
        String report = e.reportText();
        assertTrue(report.contains("Compilation error at line 3, column 18:"), report);
        assertTrue(report.contains("      int bad = ok + missingThing;\n                     ^^^^^^^^^^^^"), report);
        assertTrue(report.contains("cannot find symbol"), report);
    }

    @Test
    void exceptionFramesPointAtCellLines() {
        CellException e = assertThrows(
                CellException.class,
                () -> eval.eval(
                        "void check(int v) {\n  if (v > 1)\n    throw new IllegalStateException(\"too big: \" + v);\n}\ncheck(1);\ncheck(5);"));
        assertEquals("java.lang.IllegalStateException", e.errorName());
        String report = e.reportText();
        assertTrue(report.startsWith("java.lang.IllegalStateException: too big: 5"), report);
        assertTrue(report.contains("at cell line 3: throw new IllegalStateException(\"too big: \" + v);"), report);
        assertTrue(report.contains("at cell line 6: check(5);"), report);
    }

    @Test
    void incompleteCellIsReportedNotDropped() {
        CellException e = assertThrows(CellException.class, () -> eval.eval("int z = 1;\nint w = (z + "));
        assertTrue(e.reportText().contains("line 2"), e.reportText());
    }
}
