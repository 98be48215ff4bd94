package org.sparkxqa.notebook;

import java.awt.Color;
import java.awt.image.BufferedImage;

/**
 * Draws a matrix as colored cells (a viridis-like scale from its minimum to its maximum), with row and
 * column indices and a color bar. NaN means "no value" and is drawn light grey. Stateless.
 */
public final class Heatmap {
  /** Color of NaN cells. */
  public static final Color MISSING = new Color(0xdddddd);
  private static final int[] SCALE = {0x440154, 0x3b528b, 0x21918c, 0x5ec962, 0xfde725};

  private Heatmap() {}

  /** The heatmap of {@code values} (rows may not be empty; all rows as long as the first). */
  public static BufferedImage render(String title, double[][] values, String xLabel, String yLabel) {
    int rows = values.length;
    int cols = rows == 0 ? 0 : values[0].length;
    if (rows == 0 || cols == 0) {
      throw new IllegalArgumentException("heatmap needs at least one row and one column");
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : values) {
      for (double v : row) {
        if (!Double.isNaN(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    int cell = Math.max(2, Math.min(28, Math.min(640 / cols, 400 / rows)));
    ChartCanvas c = new ChartCanvas(title, Math.max(360, 72 + cols * cell + 110), 44 + rows * cell + 56, 110);
    c.axes(0, cols, 0, rows, xLabel, yLabel, false, false);
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < cols; k++) {
        double v = values[r][k];
        c.g.setColor(Double.isNaN(v) ? MISSING : color(max > min ? (v - min) / (max - min) : 1));
        c.g.fillRect(c.px(k), c.py(rows - r), Math.max(1, c.px(k + 1) - c.px(k)), Math.max(1, c.py(rows - r - 1) - c.py(rows - r)));
      }
    }
    c.g.setColor(Color.DARK_GRAY);
    int step = Math.max(1, (int) Math.ceil(18.0 / cell));
    for (int r = 0; r < rows; r += step) {
      String s = String.valueOf(r);
      c.g.drawString(s, c.left - 6 - c.g.getFontMetrics().stringWidth(s), (c.py(rows - r) + c.py(rows - r - 1)) / 2 + 4);
    }
    int colStep = Math.max(1, (int) Math.ceil(28.0 / cell));
    for (int k = 0; k < cols; k += colStep) {
      String s = String.valueOf(k);
      c.g.drawString(s, (c.px(k) + c.px(k + 1) - c.g.getFontMetrics().stringWidth(s)) / 2, c.bottom + 16);
    }
    colorBar(c, min, max);
    return c.done();
  }

  /** The scale's color at {@code t} in [0, 1]. */
  public static Color color(double t) {
    double x = Math.max(0, Math.min(1, t)) * (SCALE.length - 1);
    int i = Math.min(SCALE.length - 2, (int) x);
    double f = x - i;
    Color a = new Color(SCALE[i]);
    Color b = new Color(SCALE[i + 1]);
    return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }

  private static void colorBar(ChartCanvas c, double min, double max) {
    int x = c.right + 20;
    int h = c.bottom - c.top;
    for (int y = 0; y < h; y++) {
      c.g.setColor(color(1 - (double) y / Math.max(1, h - 1)));
      c.g.fillRect(x, c.top + y, 16, 1);
    }
    c.g.setColor(Color.DARK_GRAY);
    c.g.drawRect(x, c.top, 16, h);
    c.g.drawString(ChartCanvas.label(max), x + 22, c.top + 10);
    c.g.drawString(ChartCanvas.label(min), x + 22, c.bottom);
  }
}
