package org.sparkxqa.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ChartsTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void pngRoundTripsThroughImageIo() throws Exception {
        BufferedImage img = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        img.setRGB(4, 2, 0x123456);
        byte[] png = Png.encode(img);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(5, back.getWidth());
        assertEquals(0x123456, back.getRGB(4, 2) & 0xFFFFFF);
        assertArrayEquals(png, Base64.getDecoder().decode(Png.base64(img)));
    }

    @Test
    void heatmapDrawsEveryCellInItsColorAndNanAsMissing() {
        BufferedImage img = Charts.heatmap("mask", new double[][] {{0, 1}, {Double.NaN, 0.5}}, "key", "query");
        assertTrue(contains(img, Heatmap.color(0)), "min color");
        assertTrue(contains(img, Heatmap.color(1)), "max color");
        assertTrue(contains(img, Heatmap.color(0.5)), "middle color");
        assertTrue(contains(img, Heatmap.MISSING), "NaN cell");
        assertEquals(new Color(0x440154), Heatmap.color(0));
        assertEquals(new Color(0xfde725), Heatmap.color(1));
    }

    @Test
    void lineAndBarChartsUseTheSeriesColors() {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("cpu", new double[] {1, 2, 4});
        series.put("gpu", new double[] {10, 20, 40});
        BufferedImage line = Charts.line("throughput", "batch", "req/s", new double[] {1, 2, 3}, series);
        assertEquals(760, line.getWidth());
        assertTrue(contains(line, Charts.PALETTE.get(0)) && contains(line, Charts.PALETTE.get(1)));
        BufferedImage bar = Charts.bar("t", "y", List.of("a", "b", "c"), new double[] {3, 1, 2});
        assertTrue(contains(bar, Charts.PALETTE.get(2)));
    }

    @Test
    void mismatchedInputIsRefusedWithTheReason() {
        IllegalArgumentException line = assertThrows(
                IllegalArgumentException.class,
                () -> Charts.line("t", "x", "y", new double[] {1, 2}, Map.of("gpu", new double[] {1})));
        assertEquals("series 'gpu' has 1 values for 2 x values", line.getMessage());
        IllegalArgumentException heat = assertThrows(
                IllegalArgumentException.class, () -> Charts.heatmap("t", new double[][] {{1, 2}, {3}}, "x", "y"));
        assertEquals("row 1 has 1 values, row 0 has 2", heat.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Charts.bar("t", "y", List.of("a"), new double[] {1, 2}));
    }

    private static boolean contains(BufferedImage img, Color c) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF)) {
                    return true;
                }
            }
        }
        return false;
    }
}
