package dev.vcg.media;

import dev.vcg.InvalidInputException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** Recognises media types by magic bytes and file names. */
public final class MediaTypes {
  /** PNG image. */
  public static final String PNG = "image/png";
  /** JPEG image. */
  public static final String JPEG = "image/jpeg";
  /** WebP image. */
  public static final String WEBP = "image/webp";
  /** GIF image. */
  public static final String GIF = "image/gif";
  /** MP4 video. */
  public static final String MP4 = "video/mp4";

  private MediaTypes() {
  }

  /**
   * The type of content by its first bytes: PNG, JPEG, WebP, GIF or MP4/MOV.
   *
   * @param head the first bytes (12 are enough)
   * @return the MIME type, empty if not recognised
   */
  public static Optional<String> sniff(byte[] head) {
    if (head == null) {
      return Optional.empty();
    }
    if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(PNG);
    }
    if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (startsWith(head, 0, 'R', 'I', 'F', 'F') && startsWith(head, 8, 'W', 'E', 'B', 'P')) {
      return Optional.of(WEBP);
    }
    if (startsWith(head, 0, 'G', 'I', 'F', '8')) {
      return Optional.of(GIF);
    }
    if (startsWith(head, 4, 'f', 't', 'y', 'p')) {
      return Optional.of(MP4);
    }
    return Optional.empty();
  }

  /**
   * The type a file name suggests.
   *
   * @param name a file name
   * @return the MIME type, empty if the extension is not one of ours
   */
  public static Optional<String> guessFromName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".png")) {
      return Optional.of(PNG);
    }
    if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
      return Optional.of(JPEG);
    }
    if (n.endsWith(".webp")) {
      return Optional.of(WEBP);
    }
    if (n.endsWith(".gif")) {
      return Optional.of(GIF);
    }
    if (n.endsWith(".mp4") || n.endsWith(".m4v") || n.endsWith(".mov")) {
      return Optional.of(MP4);
    }
    return Optional.empty();
  }

  /**
   * The usual file extension for a type.
   *
   * @param mimeType a MIME type
   * @return the extension without a dot, {@code bin} if unknown
   */
  public static String extension(String mimeType) {
    return switch (mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT)) {
      case PNG -> "png";
      case JPEG -> "jpg";
      case WEBP -> "webp";
      case GIF -> "gif";
      case MP4 -> "mp4";
      default -> "bin";
    };
  }

  /**
   * Decodes a base64 {@code data:} URI.
   *
   * @param uri the URI
   * @param maxBytes the largest content accepted
   * @return the content
   * @throws InvalidInputException if malformed or too large
   */
  public static byte[] decodeDataUri(String uri, long maxBytes) {
    int comma = uri.indexOf(',');
    if (!uri.regionMatches(true, 0, "data:", 0, 5) || comma < 0 || !uri.substring(0, comma).endsWith(";base64")) {
      throw new InvalidInputException("not a base64 data URI");
    }
    long approx = (long) (uri.length() - comma - 1) * 3 / 4;
    if (approx > maxBytes) {
      throw new InvalidInputException("data URI holds about " + approx + " bytes; the limit is " + maxBytes);
    }
    try {
      return Base64.getDecoder().decode(uri.substring(comma + 1));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("data URI is not valid base64", e);
    }
  }

  private static boolean startsWith(byte[] data, int offset, int... expected) {
    if (data.length < offset + expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if ((data[offset + i] & 0xFF) != expected[i]) {
        return false;
      }
    }
    return true;
  }
}
