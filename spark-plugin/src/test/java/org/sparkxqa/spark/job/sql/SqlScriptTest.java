package org.sparkxqa.spark.job.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        assertEquals(
                List.of("SELECT 1", "SELECT 'a;b', \"c;d\", `e;f`"),
                SqlScript.statements("SELECT 1; SELECT 'a;b', \"c;d\", `e;f`;"));
    }

    @Test
    void commentsAndEscapesDoNotEndStatements() {
        String text = "-- a comment; still a comment\nSELECT 'it\\'s;' /* x; y */ AS a;\n\n;  -- only a comment\n";
        assertEquals(
                List.of("-- a comment; still a comment\nSELECT 'it\\'s;' /* x; y */ AS a"), SqlScript.statements(text));
    }

    @Test
    void lastStatementNeedsNoSemicolonAndBlankTextHasNone() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), SqlScript.statements("SELECT 1;\nSELECT 2\n"));
        assertEquals(List.of(), SqlScript.statements("  \n ; -- nothing\n/* nothing */"));
    }
}
