package dev.vcg.stitch.jcodec.internal.frames;

import dev.vcg.media.ImageFormat;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Image scaling and encoding. */
public final class Images {
  private Images() {
  }

  /**
   * Scales an image down to fit within bounds, keeping its aspect ratio (never up).
   *
   * @param img the image
   * @param maxWidth largest width, or 0 for no bound
   * @param maxHeight largest height, or 0 for no bound
   * @return the image, or a smaller copy
   */
  public static BufferedImage fit(BufferedImage img, int maxWidth, int maxHeight) {
    double s = 1;
    if (maxWidth > 0) {
      s = Math.min(s, (double) maxWidth / img.getWidth());
    }
    if (maxHeight > 0) {
      s = Math.min(s, (double) maxHeight / img.getHeight());
    }
    if (s >= 1) {
      return img;
    }
    int tw = Math.max(1, (int) Math.round(img.getWidth() * s));
    int th = Math.max(1, (int) Math.round(img.getHeight() * s));
    BufferedImage cur = img;
    // Halve repeatedly, then one bilinear step: smooth without the cost of area averaging.
    while (cur.getWidth() / 2 >= tw && cur.getHeight() / 2 >= th) {
      cur = draw(cur, cur.getWidth() / 2, cur.getHeight() / 2);
    }
    return cur.getWidth() == tw && cur.getHeight() == th ? cur : draw(cur, tw, th);
  }

  /**
   * Draws an image at another size.
   *
   * @param src the image
   * @param w new width
   * @param h new height
   * @return the new image
   */
  public static BufferedImage draw(BufferedImage src, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(src, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /**
   * Encodes an image.
   *
   * @param img the image (RGB)
   * @param format PNG or JPEG
   * @param jpegQuality 0..1, for JPEG
   * @param out where to write
   * @throws IOException if writing fails
   */
  public static void write(BufferedImage img, ImageFormat format, float jpegQuality, OutputStream out)
      throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format == ImageFormat.PNG ? "png" : "jpeg");
    if (!writers.hasNext()) {
      throw new IOException("no " + format + " writer in this Java runtime");
    }
    ImageWriter writer = writers.next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (format == ImageFormat.JPEG) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(jpegQuality);
      }
      writer.write(null, new IIOImage(img, null, null), param);
    } finally {
      writer.dispose();
    }
  }

  /**
   * @param img the image
   * @param format PNG or JPEG
   * @param jpegQuality 0..1
   * @return the encoded bytes
   */
  public static byte[] encode(BufferedImage img, ImageFormat format, float jpegQuality) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(img, format, jpegQuality, out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
