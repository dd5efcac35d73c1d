package dev.vcg.provider.openrouter.internal;

import dev.vcg.InvalidInputException;
import dev.vcg.media.MediaRef;
import dev.vcg.media.MediaTypes;
import java.util.Locale;
import java.util.Set;

/**
 * Turns an image of a chat message into the {@code image_url.url} OpenRouter accepts: an
 * {@code https://} URL as it is, anything local as a base64 {@code data:} URI.
 */
public final class VisionImages {
  /** The largest local image sent inline. */
  public static final long MAX_IMAGE_BYTES = 20L * 1024 * 1024;

  private static final Set<String> TYPES = Set.of(MediaTypes.PNG, MediaTypes.JPEG, MediaTypes.WEBP, MediaTypes.GIF);

  private VisionImages() {
  }

  /**
   * @param image the image of a message
   * @return the URL to send
   * @throws InvalidInputException if a local image cannot be read, is too large or is not PNG,
   *     JPEG, WebP or GIF
   */
  public static String url(MediaRef image) {
    if (image instanceof MediaRef.Url u) {
      String scheme = u.uri().getScheme().toLowerCase(Locale.ROOT);
      if (scheme.equals("http") || scheme.equals("https")) {
        return u.uri().toString();
      }
    }
    String dataUri = MediaRef.toDataUri(image, MAX_IMAGE_BYTES);
    if (dataUri.length() > MAX_IMAGE_BYTES / 3 * 4 + 256) {
      throw new InvalidInputException("image " + image + " is larger than " + MAX_IMAGE_BYTES
          + " bytes; send a smaller image");
    }
    int semicolon = dataUri.indexOf(';');
    String type = semicolon > 5 ? dataUri.substring(5, semicolon).toLowerCase(Locale.ROOT) : "";
    if (!TYPES.contains(type)) {
      throw new InvalidInputException("image " + image + " is " + (type.isEmpty() ? "of unknown type" : type)
          + "; vision models take PNG, JPEG, WebP or GIF images");
    }
    return dataUri;
  }
}
