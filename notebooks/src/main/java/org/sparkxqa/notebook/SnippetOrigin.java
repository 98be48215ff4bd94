package org.sparkxqa.notebook;

/**
 * Where a JShell snippet was written: the cell, the cell's run number and the line the snippet starts on.
 *
 * @param cell the cell's text and pieces
 * @param cellNo the evaluator's count of cells run so far, this one included
 * @param startLine 1-based cell line where the snippet starts
 */
public record SnippetOrigin(CellSource cell, int cellNo, int startLine) {}
