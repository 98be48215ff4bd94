package org.sparkxqa.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqlMagicTest {
    private static SqlMagic magic;

    @BeforeAll
    static void session() {
        System.setProperty("spark.ui.enabled", "false");
        magic = new SqlMagic(Session::spark);
    }

    private static String html(DisplayData d) {
        return (String) d.getData(MIMEType.TEXT_HTML);
    }

    private static String text(DisplayData d) {
        return (String) d.getData(MIMEType.TEXT_PLAIN);
    }

    @Test
    void rendersAnHtmlTableLimitedToNRows() {
        DisplayData d = magic.eval(
                null,
                List.of("-n", "2"),
                "SELECT id, X'01020304050607080910' AS b, array(1, 2, 3) AS a, '<b>&' AS t, CAST(NULL AS INT) AS z\n"
                        + "FROM range(5);");
        String h = html(d);
        assertTrue(h.startsWith("<table class=\"xqa-table\"><thead><tr><th title=\"bigint\">id</th>"), h);
        assertEquals(2, h.split("<tr>", -1).length - 2, "two body rows: " + h);
        assertTrue(
                h.contains(
                        "<td>binary[10] 0102030405060708…</td><td>[1, 2, 3]</td><td>&lt;b&gt;&amp;</td><td>NULL</td>"),
                h);
        assertTrue(h.endsWith("<p>first 2 rows shown; the result has more</p>"), h);
        String[] lines = text(d).split("\n");
        assertEquals(5, lines.length, text(d));
        assertEquals("id | b" + " ".repeat(27) + " | a         | t    | z", lines[0]);
        assertEquals("---+-" + "-".repeat(28) + "-+-----------+------+-----", lines[1]);
        assertEquals("0  | binary[10] 0102030405060708… | [1, 2, 3] | <b>& | NULL", lines[2]);
        assertEquals("first 2 rows shown; the result has more", lines[4]);
    }

    @Test
    void smallResultsSayHowManyRowsAndDdlSaysOk() {
        assertTrue(text(magic.run("SELECT 1 AS one", 20)).endsWith("1 row"));
        assertEquals("OK", text(magic.run("CREATE OR REPLACE TEMP VIEW sql_magic_v AS SELECT 7 AS x", 20)));
        assertTrue(html(magic.run("SELECT x FROM sql_magic_v", 20)).contains("<td>7</td>"));
    }

    @Test
    void explainIsShownPreformatted() {
        DisplayData d = magic.run("EXPLAIN SELECT id * 2 FROM range(3)", 20);
        assertTrue(text(d).contains("== Physical Plan =="), text(d));
        assertTrue(html(d).contains("<pre>== Physical Plan =="), html(d));
    }

    @Test
    void analysisErrorQuotesTheCellLineWithACaret() {
        CellException e =
                assertThrows(CellException.class, () -> magic.run("SELECT id,\n       nope\nFROM range(3)", 20));
        String r = e.reportText();
        assertTrue(r.startsWith("SQL error at cell line 3, column 8:\n           nope\n           ^^^^\n"), r);
        assertTrue(r.contains("AnalysisException: [UNRESOLVED_COLUMN"), r);
        assertTrue(e.errorName().endsWith("AnalysisException"), e.errorName());
    }

    @Test
    void parseErrorNamesItsPosition() {
        CellException e =
                assertThrows(CellException.class, () -> magic.run("SELECT 1\nFROM range(2) WHERE id = = 2", 20));
        assertTrue(e.reportText().contains("SQL error at cell line 3, column"), e.reportText());
        assertTrue(e.reportText().contains("ParseException: [PARSE_SYNTAX_ERROR]"), e.reportText());
    }

    @Test
    void rowLimitArguments() {
        assertEquals(SqlMagic.DEFAULT_LIMIT, SqlMagic.limit(List.of()));
        assertEquals(5, SqlMagic.limit(List.of("--limit=5")));
        assertEquals(7, SqlMagic.limit(List.of("--limit", "7")));
        assertThrows(IllegalArgumentException.class, () -> SqlMagic.limit(List.of("-n", "0")));
        assertThrows(IllegalArgumentException.class, () -> SqlMagic.limit(List.of("--rows", "3")));
    }
}
