package dev.vcg;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.vcg.media.MediaRef;
import java.util.Locale;
import java.util.Objects;

/**
 * A file the user brings: a logo, a product image, a screenshot, a video clip.
 *
 * @param media the content
 * @param role what it is, e.g. {@link #LOGO}; free text, lower case
 * @param name a display name (file name), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InputAsset(MediaRef media, String role, String name) {
  /** A logo. */
  public static final String LOGO = "logo";
  /** A picture (product shot, photo, screenshot). */
  public static final String IMAGE = "image";
  /** A video clip. */
  public static final String VIDEO = "video";

  /** Validates and normalises the role. */
  public InputAsset {
    Objects.requireNonNull(media, "media");
    role = role == null || role.isBlank() ? IMAGE : role.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * @param media the logo
   * @return a logo asset
   */
  public static InputAsset logo(MediaRef media) {
    return new InputAsset(media, LOGO, null);
  }

  /**
   * @param media the picture
   * @return an image asset
   */
  public static InputAsset image(MediaRef media) {
    return new InputAsset(media, IMAGE, null);
  }

  /** @return whether this is a logo */
  public boolean isLogo() {
    return LOGO.equals(role);
  }
}
