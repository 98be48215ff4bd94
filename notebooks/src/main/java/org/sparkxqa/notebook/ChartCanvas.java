package org.sparkxqa.notebook;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.math.BigDecimal;
import java.math.MathContext;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A white image with a title and a plot area: value-to-pixel mapping, axes with round tick values,
 * axis labels and a legend. Draws with java.awt only (headless). Used by {@link Charts}; not thread-safe.
 */
final class ChartCanvas {
  static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
      new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

  final BufferedImage image;
  final Graphics2D g;
  final int left = 72;
  final int top = 44;
  final int right;
  final int bottom;
  private double xMin;
  private double xMax;
  private double yMin;
  private double yMax;

  ChartCanvas(String title, int width, int height, int rightMargin) {
    image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    right = width - rightMargin;
    bottom = height - 56;
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, (width - g.getFontMetrics().stringWidth(title)) / 2, 26);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
  }

  /** Sets the value ranges ({@code x0 < x1}, {@code y0 < y1}) and draws the frame, ticks and axis labels. */
  void axes(double x0, double x1, double y0, double y1, String xLabel, String yLabel, boolean xTicks, boolean yTicks) {
    xMin = x0;
    xMax = x1 > x0 ? x1 : x0 + 1;
    yMin = y0;
    yMax = y1 > y0 ? y1 : y0 + 1;
    g.setColor(Color.DARK_GRAY);
    g.drawRect(left, top, right - left, bottom - top);
    for (double t : yTicks ? ticks(yMin, yMax) : new double[0]) {
      int y = py(t);
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(left + 1, y, right - 1, y);
      g.setColor(Color.DARK_GRAY);
      String s = label(t);
      g.drawString(s, left - 6 - g.getFontMetrics().stringWidth(s), y + 4);
    }
    for (double t : xTicks ? ticks(xMin, xMax) : new double[0]) {
      int x = px(t);
      g.drawLine(x, bottom, x, bottom + 4);
      String s = label(t);
      g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, bottom + 18);
    }
    g.drawString(xLabel, (left + right - g.getFontMetrics().stringWidth(xLabel)) / 2, bottom + 40);
    AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2);
    g.drawString(yLabel, -(top + bottom + g.getFontMetrics().stringWidth(yLabel)) / 2, 18);
    g.setTransform(saved);
  }

  int px(double x) {
    return (int) Math.round(left + (x - xMin) / (xMax - xMin) * (right - left));
  }

  int py(double y) {
    return (int) Math.round(bottom - (y - yMin) / (yMax - yMin) * (bottom - top));
  }

  void legend(List<String> names) {
    int y = top + 14;
    for (int i = 0; i < names.size(); i++, y += 18) {
      g.setColor(PALETTE[i % PALETTE.length]);
      g.setStroke(new BasicStroke(3f));
      g.drawLine(right + 12, y - 4, right + 30, y - 4);
      g.setColor(Color.BLACK);
      g.drawString(names.get(i), right + 36, y);
    }
  }

  /** About five round values covering {@code [min, max]}. */
  static double[] ticks(double min, double max) {
    double raw = (max - min) / 5;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
    double first = Math.ceil(min / step - 1e-9) * step;
    int n = (int) Math.floor((max - first) / step + 1e-9) + 1;
    double[] t = new double[Math.max(0, n)];
    for (int i = 0; i < t.length; i++) {
      t[i] = first + i * step;
    }
    return t;
  }

  static String label(double v) {
    double a = Math.abs(v);
    if (a == 0 || a >= 1e7 || a < 1e-3) {
      return a == 0 ? "0" : String.format("%.2e", v);
    }
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  BufferedImage done() {
    g.dispose();
    return image;
  }
}
