package dev.vcg.provider.openai.internal;

import dev.vcg.InvalidInputException;
import dev.vcg.media.MediaRef;
import dev.vcg.media.MediaTypes;
import java.util.Locale;
import java.util.Set;

/**
 * Turns an image into what OpenAI accepts in JSON: an {@code https://} URL as it is, anything
 * local as a base64 {@code data:} URI; and reads local images for multipart uploads.
 */
public final class InlineImages {
  /** Vision input: at most 20 MB per image, PNG, JPEG, WebP or GIF. */
  public static final long MAX_VISION_BYTES = 20L * 1024 * 1024;
  /** Edit input as a data URL: {@code image_url} holds at most 20 MB of characters. */
  public static final long MAX_EDIT_DATA_URL_BYTES = 15L * 1024 * 1024;
  /** Edit input as a multipart file: under 50 MB. */
  public static final long MAX_EDIT_FILE_BYTES = 50L * 1024 * 1024 - 1;

  /** Types vision models read. */
  public static final Set<String> VISION_TYPES = Set.of(MediaTypes.PNG, MediaTypes.JPEG, MediaTypes.WEBP,
      MediaTypes.GIF);
  /** Types GPT image edits read. */
  public static final Set<String> EDIT_TYPES = Set.of(MediaTypes.PNG, MediaTypes.JPEG, MediaTypes.WEBP);

  private InlineImages() {
  }

  /**
   * @param image an image
   * @param maxBytes the largest local image accepted
   * @param types the accepted MIME types
   * @param use what the image is for, for messages
   * @return the URL to send
   * @throws InvalidInputException if a local image cannot be read, is too large or of another type
   */
  public static String url(MediaRef image, long maxBytes, Set<String> types, String use) {
    if (image instanceof MediaRef.Url u) {
      String scheme = u.uri().getScheme().toLowerCase(Locale.ROOT);
      if (scheme.equals("http") || scheme.equals("https")) {
        return u.uri().toString();
      }
    }
    String dataUri = MediaRef.toDataUri(image, maxBytes);
    if (dataUri.length() > maxBytes / 3 * 4 + 256) {
      throw new InvalidInputException(use + " " + image + " is larger than " + maxBytes + " bytes; send a smaller image");
    }
    int semicolon = dataUri.indexOf(';');
    String type = semicolon > 5 ? dataUri.substring(5, semicolon).toLowerCase(Locale.ROOT) : "";
    checkType(image, type, types, use);
    return dataUri;
  }

  /**
   * Reads a local image (file, bytes or data URL) for an upload.
   *
   * @param image the image
   * @param maxBytes the largest accepted
   * @param types the accepted MIME types
   * @param use what the image is for, for messages
   * @return the bytes and their type
   * @throws InvalidInputException if it is remote, unreadable, too large or of another type
   */
  public static Upload upload(MediaRef image, long maxBytes, Set<String> types, String use) {
    if (image instanceof MediaRef.Url u && !u.uri().getScheme().equalsIgnoreCase("data")) {
      throw new InvalidInputException(use + " " + image + " is remote; multipart edits upload local images only:"
          + " pass the image as a file or bytes, or use the option edits-encoding=json");
    }
    byte[] data = MediaRef.readLocal(image, maxBytes);
    String type = MediaTypes.sniff(data).or(image::contentType).orElse("").toLowerCase(Locale.ROOT);
    checkType(image, type, types, use);
    return new Upload(data, type);
  }

  private static void checkType(MediaRef image, String type, Set<String> types, String use) {
    if (!types.contains(type)) {
      throw new InvalidInputException(use + " " + image + " is " + (type.isEmpty() ? "of unknown type" : type)
          + "; accepted: " + String.join(", ", types.stream().sorted().toList()));
    }
  }

  /**
   * A local image read for upload.
   *
   * @param data the bytes
   * @param type the MIME type
   */
  public record Upload(byte[] data, String type) {
    @Override
    public String toString() {
      return "Upload[" + data.length + " bytes, " + type + "]";
    }
  }
}
