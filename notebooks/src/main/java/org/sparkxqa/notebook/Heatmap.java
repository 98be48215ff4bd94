package org.sparkxqa.notebook;

import java.awt.Color;
import java.awt.Paint;
import java.awt.image.BufferedImage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A matrix as colored cells (a viridis-like scale from its minimum to its maximum) with a color bar,
 * drawn with JFreeChart's block renderer; row 0 at the top, like the matrix is written. NaN means "no
 * value" and is drawn {@link #MISSING}. Stateless and thread-safe.
 */
public final class Heatmap {
    /** Color of NaN cells. */
    public static final Color MISSING = new Color(0xdddddd);

    private static final int[] SCALE = {0x440154, 0x3b528b, 0x21918c, 0x5ec962, 0xfde725};

    private Heatmap() {}

    /**
     * The heatmap of {@code values}.
     *
     * @throws IllegalArgumentException when there is no cell or the rows differ in length
     */
    public static BufferedImage render(String title, double[][] values, String xLabel, String yLabel) {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        if (rows == 0 || cols == 0) {
            throw new IllegalArgumentException("heatmap needs at least one row and one column");
        }
        double[][] xyz = new double[3][rows * cols];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            if (values[r].length != cols) {
                throw new IllegalArgumentException(
                        "row " + r + " has " + values[r].length + " values, row 0 has " + cols);
            }
            for (int k = 0; k < cols; k++) {
                double v = values[r][k];
                xyz[0][r * cols + k] = k;
                xyz[1][r * cols + k] = r;
                xyz[2][r * cols + k] = v;
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("values", xyz);
        Scale scale = new Scale(min > max ? 0 : min, min > max ? 1 : max);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        NumberAxis x = new NumberAxis(xLabel);
        NumberAxis y = new NumberAxis(yLabel);
        y.setInverted(true);
        for (NumberAxis axis : new NumberAxis[] {x, y}) {
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            axis.setLowerMargin(0);
            axis.setUpperMargin(0);
        }
        x.setRange(-0.5, cols - 0.5);
        y.setRange(-0.5, rows - 0.5);
        JFreeChart chart = new JFreeChart(title, new XYPlot(data, x, y, renderer));
        chart.removeLegend();
        PaintScaleLegend bar = new PaintScaleLegend(scale, new NumberAxis());
        bar.setPosition(RectangleEdge.RIGHT);
        bar.setStripWidth(16);
        chart.addSubtitle(bar);
        ChartStyle.apply(chart);
        int cell = Math.max(2, Math.min(28, Math.min(640 / cols, 400 / rows)));
        return chart.createBufferedImage(Math.max(360, 90 + cols * cell + 110), 70 + rows * cell + 60);
    }

    /** The scale's color at {@code t} in [0, 1]. */
    public static Color color(double t) {
        double x = Math.max(0, Math.min(1, t)) * (SCALE.length - 1);
        int i = Math.min(SCALE.length - 2, (int) x);
        double f = x - i;
        Color a = new Color(SCALE[i]);
        Color b = new Color(SCALE[i + 1]);
        return new Color(
                (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /** {@link #color} over {@code [lower, upper]}; NaN maps to {@link #MISSING}. */
    private record Scale(double lower, double upper) implements PaintScale {
        @Override
        public double getLowerBound() {
            return lower;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        @Override
        public Paint getPaint(double value) {
            return Double.isNaN(value) ? MISSING : color(upper > lower ? (value - lower) / (upper - lower) : 1);
        }
    }
}
