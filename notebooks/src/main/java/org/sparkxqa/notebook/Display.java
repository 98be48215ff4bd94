package org.sparkxqa.notebook;

import java.awt.image.RenderedImage;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * Shows values in the notebook from snippet code: {@code display(chart)} puts a PNG under the cell,
 * {@code display(df)} a table. The kernel imports {@link #display} statically and attaches the output
 * of the running cell; without a kernel (plain JVM) outputs go to standard out as text.
 */
public final class Display {
    /** Rows shown when a Dataset is displayed. */
    public static final int DATASET_ROWS = 20;

    private static volatile Consumer<DisplayData> sink = d -> System.out.println(d.getData(MIMEType.TEXT_PLAIN));

    private Display() {}

    /** Shows {@code value} under the running cell (see {@link #toDisplayData}). */
    public static void display(Object value) {
        sink.accept(toDisplayData(value));
    }

    /** Shows an HTML fragment under the running cell. */
    public static void html(String html) {
        DisplayData d = new DisplayData(html);
        d.putHTML(html);
        sink.accept(d);
    }

    /** Shows Markdown under the running cell. */
    public static void markdown(String markdown) {
        DisplayData d = new DisplayData(markdown);
        d.putMarkdown(markdown);
        sink.accept(d);
    }

    /**
     * The notebook output for a value: display data as it is, images as PNG, Datasets as a table of
     * their first {@value #DATASET_ROWS} rows, anything else as its text.
     */
    @SuppressWarnings("unchecked")
    public static DisplayData toDisplayData(Object value) {
        return switch (value) {
            case DisplayData d -> d;
            case RenderedImage img -> Png.displayData(img);
            case Dataset<?> ds -> TableView.of(ds.toDF(), DATASET_ROWS);
            case null -> new DisplayData("null");
            default -> new DisplayData(String.valueOf(value));
        };
    }

    /** Where outputs go from now on (the kernel attaches the running cell's output here). */
    public static void attach(Consumer<DisplayData> output) {
        sink = output;
    }
}
