package dev.vcg.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Generated test images, and headers patched into image bombs. */
public final class TestImages {
  private TestImages() {
  }

  /** Encodes an image with ImageIO. */
  public static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no writer for " + format);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** An opaque image split vertically: the left part in one colour, the rest in the other. */
  public static BufferedImage split(int width, int height, Color left, Color right, double leftShare) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    int cut = (int) Math.round(width * leftShare);
    g.setColor(left);
    g.fillRect(0, 0, cut, height);
    g.setColor(right);
    g.fillRect(cut, 0, width - cut, height);
    g.dispose();
    return img;
  }

  /** A PNG whose IHDR declares {@code width} × {@code height} (CRC fixed), pixels left as they were. */
  public static byte[] pngDeclaring(int width, int height) {
    byte[] png = encode(split(8, 8, Color.RED, Color.BLUE, 0.5), "png");
    // IHDR data starts at 16: width, height; its CRC covers type + data (12..29) and sits at 29.
    ByteBuffer b = ByteBuffer.wrap(png);
    b.putInt(16, width);
    b.putInt(20, height);
    CRC32 crc = new CRC32();
    crc.update(png, 12, 17);
    b.putInt(29, (int) crc.getValue());
    return png;
  }

  /** A JPEG whose SOF0 declares {@code width} × {@code height}. */
  public static byte[] jpegDeclaring(int width, int height) {
    byte[] jpg = encode(split(16, 16, Color.RED, Color.BLUE, 0.5), "jpeg");
    for (int i = 2; i < jpg.length - 9; i++) {
      if ((jpg[i] & 0xFF) == 0xFF && (jpg[i + 1] & 0xFF) == 0xC0) {
        jpg[i + 5] = (byte) (height >> 8);
        jpg[i + 6] = (byte) height;
        jpg[i + 7] = (byte) (width >> 8);
        jpg[i + 8] = (byte) width;
        return jpg;
      }
    }
    throw new IllegalStateException("no SOF0");
  }

  /** A GIF whose screen and first image descriptor declare {@code width} × {@code height}. */
  public static byte[] gifDeclaring(int width, int height) {
    byte[] gif = encode(split(8, 8, Color.RED, Color.BLUE, 0.5), "gif");
    le16(gif, 6, width);
    le16(gif, 8, height);
    for (int i = 13; i < gif.length - 9; i++) {
      if (gif[i] == 0x2C) {
        le16(gif, i + 5, width);
        le16(gif, i + 7, height);
        return gif;
      }
    }
    throw new IllegalStateException("no image descriptor");
  }

  /** A WebP header (VP8X chunk) declaring a canvas, padded to 64 bytes. */
  public static byte[] webpVp8x(int width, int height) {
    byte[] d = riff("VP8X", 64);
    d[20] = 0x10;
    le24(d, 24, width - 1);
    le24(d, 27, height - 1);
    return d;
  }

  /** A WebP header (VP8L chunk). */
  public static byte[] webpVp8l(int width, int height) {
    byte[] d = riff("VP8L", 64);
    d[20] = 0x2f;
    int bits = (width - 1) | ((height - 1) << 14);
    le16(d, 21, bits & 0xFFFF);
    le16(d, 23, bits >>> 16);
    return d;
  }

  /** A WebP header (VP8 chunk). */
  public static byte[] webpVp8(int width, int height) {
    byte[] d = riff("VP8 ", 64);
    d[23] = (byte) 0x9d;
    d[24] = 0x01;
    d[25] = 0x2a;
    le16(d, 26, width);
    le16(d, 28, height);
    return d;
  }

  private static byte[] riff(String chunk, int length) {
    byte[] d = new byte[length];
    System.arraycopy("RIFF".getBytes(), 0, d, 0, 4);
    d[4] = (byte) (length - 8);
    System.arraycopy("WEBP".getBytes(), 0, d, 8, 4);
    System.arraycopy(chunk.getBytes(), 0, d, 12, 4);
    d[16] = (byte) (length - 20);
    return d;
  }

  private static void le16(byte[] d, int o, int v) {
    d[o] = (byte) v;
    d[o + 1] = (byte) (v >> 8);
  }

  private static void le24(byte[] d, int o, int v) {
    le16(d, o, v);
    d[o + 2] = (byte) (v >> 16);
  }
}
