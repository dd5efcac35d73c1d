package dev.vcg.provider;

import dev.vcg.media.MediaRef;
import java.util.Objects;

/** A piece of a chat message: text or an image (for vision models). */
public sealed interface ContentPart permits ContentPart.Text, ContentPart.Image {

  /**
   * @param text the text
   * @return a text part
   */
  static ContentPart text(String text) {
    return new Text(text);
  }

  /**
   * @param image the image (a URL, file or bytes; local images are sent as data URLs)
   * @return an image part
   */
  static ContentPart image(MediaRef image) {
    return new Image(image);
  }

  /**
   * Text.
   *
   * @param text the text
   */
  record Text(String text) implements ContentPart {
    /** Validates. */
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * An image.
   *
   * @param image the image
   */
  record Image(MediaRef image) implements ContentPart {
    /** Validates. */
    public Image {
      Objects.requireNonNull(image, "image");
    }
  }
}
