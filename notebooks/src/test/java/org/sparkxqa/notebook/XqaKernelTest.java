package org.sparkxqa.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kernel as Jupyter drives it (eval, errors, magics, display), without a Jupyter connection. */
class XqaKernelTest {
    private static XqaKernel kernel;
    private static final List<DisplayData> shown = new ArrayList<>();

    @BeforeAll
    static void start() {
        System.setProperty("spark.ui.enabled", "false");
        kernel = XqaKernel.builder().build();
        Display.attach(shown::add);
    }

    @Test
    void startupBindsTheSessionToSpark() {
        assertEquals(Boolean.TRUE, kernel.evalRaw("spark == org.sparkxqa.notebook.Session.spark()"));
        assertEquals("3", kernel.eval("spark.range(3).count()").getData(MIMEType.TEXT_PLAIN));
        assertEquals(Boolean.TRUE, kernel.evalRaw("spark.conf().get(\"spark.xqa.backend\").equals(\"auto\")"));
    }

    @Test
    void coreClassesAreImported() {
        Object lq = kernel.evalRaw("DraftMask.fromParents(new int[] {-1, 0, 0, 1}).lq()");
        assertEquals(4, lq);
    }

    @Test
    void sqlMagicCellGivesHtmlAndText() {
        DisplayData d = kernel.eval("%%sql -n 1\nSELECT id AS n FROM range(4)");
        assertTrue(((String) d.getData(MIMEType.TEXT_HTML)).contains("<th title=\"bigint\">n</th>"));
        assertTrue(
                ((String) d.getData(MIMEType.TEXT_PLAIN)).equals("n\n-\n0\nfirst 1 row shown; the result has more"),
                (String) d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void imagesBecomePngAndDisplayGoesToTheCell() {
        DisplayData chart = kernel.eval("Charts.bar(\"t\", \"y\", List.of(\"a\", \"b\"), new double[] {1, 2})");
        assertTrue(((String) chart.getData(MIMEType.IMAGE_PNG)).startsWith("iVBORw0KGgo"));
        shown.clear();
        assertNull(kernel.eval("display(spark.range(2).toDF(\"k\"));"));
        assertEquals(1, shown.size());
        assertTrue(((String) shown.get(0).getData(MIMEType.TEXT_HTML)).contains("<th title=\"bigint\">k</th>"));
    }

    @Test
    void errorsAreFormattedWithCellLines() {
        CellException e = assertThrows(CellException.class, () -> kernel.eval("int q = 1;\nq.foo();"));
        List<String> lines = kernel.formatError(e);
        assertEquals("Compilation error at line 2, column 1:", lines.get(0));
        CellException sql = assertThrows(CellException.class, () -> kernel.eval("%%sql\nSELECT nope"));
        assertTrue(kernel.formatError(sql).get(0).startsWith("SQL error at cell line 2, column 8:"));
        IllegalArgumentException magic =
                assertThrows(IllegalArgumentException.class, () -> kernel.eval("%%sq\nSELECT 1"));
        assertEquals("unknown cell magic %%sq; known: [%%sql]", magic.getMessage());
    }

    @Test
    void completenessAndCompletion() {
        assertEquals("complete", kernel.isComplete("int a = 1;"));
        assertEquals("    ", kernel.isComplete("for (int i = 0; i < 3; i++) {"));
        assertTrue(kernel.complete("spark.rang", 10).getReplacements().contains("range("));
    }
}
