package org.sparkxqa.notebook;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Line charts, bar charts and heatmaps as images, for {@code display(...)} in a notebook, drawn with
 * JFreeChart (maintained, no dependencies of its own) in headless mode. Series and bars take their
 * colors from {@link #PALETTE} in order. Stateless and thread-safe.
 */
public final class Charts {
    /** The series colors, in the order series are given. */
    public static final List<Color> PALETTE = List.of(
            new Color(0x1f77b4),
            new Color(0xff7f0e),
            new Color(0x2ca02c),
            new Color(0xd62728),
            new Color(0x9467bd),
            new Color(0x8c564b),
            new Color(0xe377c2),
            new Color(0x7f7f7f));

    private Charts() {}

    /**
     * One line per series over the shared {@code x} values, with markers and a legend; 760 × 420 pixels.
     *
     * @param series name to y values (each as long as {@code x}), drawn in iteration order
     * @throws IllegalArgumentException when a series is not as long as {@code x}
     */
    public static BufferedImage line(
            String title, String xLabel, String yLabel, double[] x, Map<String, double[]> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (e.getValue().length != x.length) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' has " + e.getValue().length
                        + " values for " + x.length + " x values");
            }
            XYSeries s = new XYSeries(e.getKey(), false, true);
            for (int j = 0; j < x.length; j++) {
                s.add(x[j], e.getValue()[j]);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE.get(i % PALETTE.size()));
            renderer.setSeriesStroke(i, new BasicStroke(2.2f));
        }
        plot.setRenderer(renderer);
        ChartStyle.apply(chart);
        return chart.createBufferedImage(760, 420);
    }

    /** One bar per label, its value written above it; 640 × 400 pixels. */
    public static BufferedImage bar(String title, String yLabel, List<String> labels, double[] values) {
        if (labels.size() != values.length) {
            throw new IllegalArgumentException(labels.size() + " labels for " + values.length + " values");
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int i = 0; i < values.length; i++) {
            data.addValue(values[i], "value", labels.get(i));
        }
        JFreeChart chart =
                ChartFactory.createBarChart(title, "", yLabel, data, PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = new PaletteBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
        renderer.setDefaultItemLabelsVisible(true);
        plot.setRenderer(renderer);
        plot.getRangeAxis().setUpperMargin(0.15);
        ChartStyle.apply(chart);
        return chart.createBufferedImage(640, 400);
    }

    /**
     * A heatmap of {@code values[row][column]} with a color scale; NaN cells (e.g. masked-out keys) are
     * drawn {@link Heatmap#MISSING}. See {@link Heatmap}.
     */
    public static BufferedImage heatmap(String title, double[][] values, String xLabel, String yLabel) {
        return Heatmap.render(title, values, xLabel, yLabel);
    }

    /** Bars colored by their position in {@link #PALETTE}, as the notebooks' bar charts always were. */
    private static final class PaletteBarRenderer extends BarRenderer {
        @Override
        public java.awt.Paint getItemPaint(int row, int column) {
            return PALETTE.get(column % PALETTE.size());
        }
    }
}
