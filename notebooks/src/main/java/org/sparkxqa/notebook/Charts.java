package org.sparkxqa.notebook;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Line charts, bar charts and heatmaps as images, for {@code display(...)} in a notebook. Drawn with
 * java.awt in headless mode: no charting library (the few charts the notebooks need take less code
 * than adapting one, and nothing is added to the kernel's class path). Stateless.
 */
public final class Charts {
  private Charts() {}

  /**
   * One line per series over the shared {@code x} values, with markers and a legend.
   *
   * @param series name to y values (same length as {@code x}), drawn in insertion order
   */
  public static BufferedImage line(String title, String xLabel, String yLabel, double[] x,
      Map<String, double[]> series) {
    ChartCanvas c = new ChartCanvas(title, 760, 420, 170);
    double yMax = series.values().stream().flatMapToDouble(java.util.Arrays::stream).max().orElse(1);
    double yMin = Math.min(0, series.values().stream().flatMapToDouble(java.util.Arrays::stream).min().orElse(0));
    double xMin = java.util.Arrays.stream(x).min().orElse(0);
    double xMax = java.util.Arrays.stream(x).max().orElse(1);
    c.axes(xMin, xMax, yMin, yMax * 1.05, xLabel, yLabel, true, true);
    int i = 0;
    for (double[] y : series.values()) {
      c.g.setColor(ChartCanvas.PALETTE[i++ % ChartCanvas.PALETTE.length]);
      c.g.setStroke(new BasicStroke(2.2f));
      for (int j = 0; j < x.length; j++) {
        if (j > 0) {
          c.g.drawLine(c.px(x[j - 1]), c.py(y[j - 1]), c.px(x[j]), c.py(y[j]));
        }
        c.g.fillOval(c.px(x[j]) - 3, c.py(y[j]) - 3, 7, 7);
      }
    }
    c.legend(new ArrayList<>(series.keySet()));
    return c.done();
  }

  /** One bar per label, its value written above it. */
  public static BufferedImage bar(String title, String yLabel, List<String> labels, double[] values) {
    ChartCanvas c = new ChartCanvas(title, 640, 400, 24);
    double max = java.util.Arrays.stream(values).max().orElse(1);
    c.axes(0, labels.size(), 0, max * 1.15, "", yLabel, false, true);
    double slot = (double) (c.right - c.left) / labels.size();
    for (int i = 0; i < labels.size(); i++) {
      int x0 = (int) Math.round(c.left + slot * (i + 0.2));
      int w = (int) Math.round(slot * 0.6);
      int y = c.py(values[i]);
      c.g.setColor(ChartCanvas.PALETTE[i % ChartCanvas.PALETTE.length]);
      c.g.fillRect(x0, y, w, c.bottom - y);
      c.g.setColor(Color.BLACK);
      String v = ChartCanvas.label(values[i]);
      c.g.drawString(v, x0 + (w - c.g.getFontMetrics().stringWidth(v)) / 2, y - 5);
      String l = labels.get(i);
      c.g.drawString(l, x0 + (w - c.g.getFontMetrics().stringWidth(l)) / 2, c.bottom + 18);
    }
    return c.done();
  }

  /**
   * A heatmap of {@code values[row][column]} with a color bar; NaN cells (e.g. masked-out keys) are
   * drawn light grey. See {@link Heatmap}.
   */
  public static BufferedImage heatmap(String title, double[][] values, String xLabel, String yLabel) {
    return Heatmap.render(title, values, xLabel, yLabel);
  }
}
