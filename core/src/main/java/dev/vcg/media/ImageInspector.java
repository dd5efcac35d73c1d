package dev.vcg.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Inspects untrusted images safely: the format is recognised by magic bytes (PNG, JPEG, WebP,
 * GIF; anything else is refused), the dimensions are read from the header before any pixel is
 * decoded, and images over the limits are refused without decoding — so a small file declaring
 * 100 000 × 100 000 pixels costs nothing. Decoding subsamples large images so that memory stays
 * bounded by the requested size.
 *
 * <p>Defaults: at most 16 384 pixels per side, 40 megapixels and 25 MB. WebP headers are read by
 * this class; decoding WebP needs an ImageIO WebP plugin on the class path (for example
 * TwelveMonkeys {@code imageio-webp}).
 *
 * <p>Thread-safe.
 */
public final class ImageInspector {
  private static final ImageInspector DEFAULT = builder().build();

  private final int maxSide;
  private final long maxPixels;
  private final long maxBytes;

  private ImageInspector(Builder b) {
    this.maxSide = b.maxSide;
    this.maxPixels = b.maxPixels;
    this.maxBytes = b.maxBytes;
  }

  /** @return an inspector with the default limits */
  public static ImageInspector create() {
    return DEFAULT;
  }

  /** @return a builder with the default limits */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the most pixels allowed on either side */
  public int maxSide() {
    return maxSide;
  }

  /** @return the most pixels allowed in total */
  public long maxPixels() {
    return maxPixels;
  }

  /** @return the largest file accepted */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Reads a local image (bytes, file or {@code data:} URL) into memory, within the byte limit.
   * Remote URLs must be downloaded first (see {@link MediaDownloader}).
   *
   * @param ref the image
   * @return its bytes
   * @throws MediaException ({@link MediaException.Reason#TOO_LARGE}, {@link MediaException.Reason#NOT_FOUND})
   *     if it is too large or unreadable
   * @throws IllegalArgumentException if the ref is a remote URL
   */
  public byte[] read(MediaRef ref) {
    Objects.requireNonNull(ref, "ref");
    if (ref instanceof MediaRef.Bytes b) {
      byte[] data = b.data();
      if (data.length > maxBytes) {
        throw tooLarge(null, data.length);
      }
      return data;
    }
    if (ref instanceof MediaRef.File f) {
      Path p = f.path();
      try {
        if (!Files.isRegularFile(p)) {
          throw new MediaException(p, MediaException.Reason.NOT_FOUND, p + " is not a readable file");
        }
        long size = Files.size(p);
        if (size > maxBytes) {
          throw tooLarge(p, size);
        }
        try (InputStream in = Files.newInputStream(p)) {
          byte[] data = in.readNBytes((int) maxBytes + 1);
          if (data.length > maxBytes) {
            throw tooLarge(p, data.length);
          }
          return data;
        }
      } catch (IOException e) {
        throw new MediaException(p, MediaException.Reason.NOT_FOUND, "cannot read " + p + ": " + e.getMessage(), e);
      }
    }
    MediaRef.Url u = (MediaRef.Url) ref;
    if (u.uri().getScheme().equalsIgnoreCase("data")) {
      try {
        return MediaTypes.decodeDataUri(u.uri().toString(), maxBytes);
      } catch (dev.vcg.InvalidInputException e) {
        throw new MediaException(null, MediaException.Reason.CORRUPT, "the data URL cannot be used: " + e.getMessage(), e);
      }
    }
    throw new IllegalArgumentException("remote images must be downloaded first: " + ref);
  }

  /**
   * Recognises the format and reads the dimensions from the header only, then checks the limits.
   *
   * @param data the image file's bytes
   * @return the format and dimensions
   * @throws MediaException {@link MediaException.Reason#NOT_MEDIA} if not PNG, JPEG, WebP or GIF;
   *     {@link MediaException.Reason#TOO_LARGE} if over a limit; {@link MediaException.Reason#CORRUPT}
   *     if the header cannot be read
   */
  public ImageInfo inspect(byte[] data) {
    Objects.requireNonNull(data, "data");
    if (data.length > maxBytes) {
      throw tooLarge(null, data.length);
    }
    String mime = MediaTypes.sniff(data).filter(ImageInspector::isImage).orElseThrow(() ->
        new MediaException(null, MediaException.Reason.NOT_MEDIA,
            "the content is not a PNG, JPEG, WebP or GIF image; convert it to PNG or JPEG"));
    int[] size;
    if (mime.equals(MediaTypes.WEBP)) {
      size = webpSize(data);
    } else {
      size = withReader(data, mime, reader -> new int[] {reader.getWidth(0), reader.getHeight(0)});
    }
    check(mime, size[0], size[1]);
    return new ImageInfo(mime, size[0], size[1]);
  }

  /**
   * Inspects, then decodes the first frame, subsampled so that neither side is much larger than
   * {@code maxDecodedSide} (the subsampling factor is a whole number).
   *
   * @param data the image file's bytes
   * @param maxDecodedSide the longest side wanted, positive
   * @return the decoded (possibly subsampled) image
   * @throws MediaException as {@link #inspect}, or {@link MediaException.Reason#UNSUPPORTED} when no
   *     decoder is available (WebP without a plugin), {@link MediaException.Reason#DECODE_FAILED} when
   *     the pixels cannot be decoded
   */
  public BufferedImage decode(byte[] data, int maxDecodedSide) {
    if (maxDecodedSide <= 0) {
      throw new IllegalArgumentException("maxDecodedSide must be positive: " + maxDecodedSide);
    }
    ImageInfo info = inspect(data);
    int longest = Math.max(info.width(), info.height());
    int factor = Math.max(1, (int) Math.ceil((double) longest / maxDecodedSide));
    BufferedImage image = withReader(data, info.mimeType(), reader -> {
      ImageReadParam param = reader.getDefaultReadParam();
      if (factor > 1) {
        param.setSourceSubsampling(factor, factor, 0, 0);
      }
      return reader.read(0, param);
    });
    if (image == null) {
      throw new MediaException(null, MediaException.Reason.DECODE_FAILED, "the " + info.mimeType() + " image decoded to nothing");
    }
    return image;
  }

  private interface ReaderTask<T> {
    T run(ImageReader reader) throws IOException;
  }

  private static <T> T withReader(byte[] data, String mime, ReaderTask<T> task) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(mime);
    if (!readers.hasNext()) {
      throw new MediaException(null, MediaException.Reason.UNSUPPORTED, "no ImageIO decoder for " + mime
          + " is installed; add one (e.g. TwelveMonkeys imageio-webp) or convert the image to PNG or JPEG");
    }
    ImageReader reader = readers.next();
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
      // seekForwardOnly, ignoreMetadata: read the header and pixels only, never text chunks or EXIF.
      reader.setInput(in, true, true);
      return task.run(reader);
    } catch (MediaException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new MediaException(null, MediaException.Reason.DECODE_FAILED, "the " + mime + " image cannot be decoded ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    } finally {
      reader.dispose();
    }
  }

  private void check(String mime, int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new MediaException(null, MediaException.Reason.CORRUPT, "the " + mime + " header declares "
          + width + "x" + height + " pixels");
    }
    if (width > maxSide || height > maxSide) {
      throw new MediaException(null, MediaException.Reason.TOO_LARGE, "the image declares " + width + "x" + height
          + " pixels; at most " + maxSide + " per side are accepted. Resize it and try again");
    }
    if ((long) width * height > maxPixels) {
      throw new MediaException(null, MediaException.Reason.TOO_LARGE, "the image declares " + width + "x" + height
          + " = " + (long) width * height + " pixels; at most " + maxPixels + " are accepted. Resize it and try again");
    }
  }

  /** Reads a WebP's canvas size from its first chunk (VP8, VP8L or VP8X). */
  static int[] webpSize(byte[] d) {
    if (d.length < 30) {
      throw new MediaException(null, MediaException.Reason.CORRUPT, "the WebP header is truncated");
    }
    String chunk = new String(d, 12, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    switch (chunk) {
      case "VP8 " -> {
        if ((d[23] & 0xFF) != 0x9d || (d[24] & 0xFF) != 0x01 || (d[25] & 0xFF) != 0x2a) {
          throw new MediaException(null, MediaException.Reason.CORRUPT, "the WebP (VP8) start code is missing");
        }
        return new int[] {le16(d, 26) & 0x3FFF, le16(d, 28) & 0x3FFF};
      }
      case "VP8L" -> {
        if ((d[20] & 0xFF) != 0x2f) {
          throw new MediaException(null, MediaException.Reason.CORRUPT, "the WebP (VP8L) signature is missing");
        }
        int bits = le16(d, 21) | (le16(d, 23) << 16);
        return new int[] {(bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1};
      }
      case "VP8X" -> {
        return new int[] {le24(d, 24) + 1, le24(d, 27) + 1};
      }
      default -> throw new MediaException(null, MediaException.Reason.CORRUPT, "unknown WebP chunk");
    }
  }

  private static int le16(byte[] d, int o) {
    return (d[o] & 0xFF) | ((d[o + 1] & 0xFF) << 8);
  }

  private static int le24(byte[] d, int o) {
    return le16(d, o) | ((d[o + 2] & 0xFF) << 16);
  }

  static boolean isImage(String mime) {
    return mime.equals(MediaTypes.PNG) || mime.equals(MediaTypes.JPEG) || mime.equals(MediaTypes.WEBP)
        || mime.equals(MediaTypes.GIF);
  }

  private MediaException tooLarge(Path file, long size) {
    return new MediaException(file, MediaException.Reason.TOO_LARGE, (file == null ? "the image" : file.toString())
        + " is " + size + " bytes; at most " + maxBytes + " are accepted");
  }

  /** Builds an {@link ImageInspector}. Not thread-safe. */
  public static final class Builder {
    private int maxSide = 16_384;
    private long maxPixels = 40_000_000L;
    private long maxBytes = 25L * 1024 * 1024;

    private Builder() {
    }

    /**
     * @param pixels the most pixels per side, positive (default 16 384)
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxSide(int pixels) {
      if (pixels <= 0) {
        throw new IllegalArgumentException("maxSide must be positive: " + pixels);
      }
      this.maxSide = pixels;
      return this;
    }

    /**
     * @param pixels the most pixels in total, positive (default 40 000 000)
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxPixels(long pixels) {
      if (pixels <= 0) {
        throw new IllegalArgumentException("maxPixels must be positive: " + pixels);
      }
      this.maxPixels = pixels;
      return this;
    }

    /**
     * @param bytes the largest file accepted, positive and below 2 GB (default 25 MB)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxBytes(long bytes) {
      if (bytes <= 0 || bytes >= Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("maxBytes must be within 1..2^31-9: " + bytes);
      }
      this.maxBytes = bytes;
      return this;
    }

    /** @return the inspector */
    public ImageInspector build() {
      return new ImageInspector(this);
    }
  }
}
