package org.sparkxqa.notebook;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** PNG encoding of images for notebook output ({@code image/png}, base64 as Jupyter wants it). Stateless. */
public final class Png {
    /** The MIME type Jupyter renders as an image. */
    public static final String MIME = "image/png";

    private Png() {}

    /** The PNG file bytes of {@code image}. */
    public static byte[] encode(RenderedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer is available in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }

    /** The PNG bytes of {@code image}, base64-encoded. */
    public static String base64(RenderedImage image) {
        return Base64.getEncoder().encodeToString(encode(image));
    }

    /** Notebook output showing {@code image}, with a text/plain stand-in for text-only front ends. */
    public static DisplayData displayData(RenderedImage image) {
        DisplayData d = new DisplayData("<PNG image " + image.getWidth() + "x" + image.getHeight() + ">");
        d.putData(MIME, base64(image));
        return d;
    }
}
