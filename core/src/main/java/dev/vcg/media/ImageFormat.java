package dev.vcg.media;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The image formats frames and thumbnails are written in. */
public enum ImageFormat {
  /** Lossless PNG. */
  PNG(MediaTypes.PNG, "png"),
  /** JPEG (lossy, smaller). */
  JPEG(MediaTypes.JPEG, "jpg");

  private final String mimeType;
  private final String extension;

  ImageFormat(String mimeType, String extension) {
    this.mimeType = mimeType;
    this.extension = extension;
  }

  /** @return the MIME type, e.g. {@code image/png} */
  public String mimeType() {
    return mimeType;
  }

  /** @return the usual file extension without a dot */
  public String extension() {
    return extension;
  }

  /**
   * The format a file name asks for: {@code .png}, or {@code .jpg}/{@code .jpeg}.
   *
   * @param file a file name or path
   * @return the format, empty for other extensions
   */
  public static Optional<ImageFormat> fromFileName(Path file) {
    Path name = file.getFileName();
    String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".png")) {
      return Optional.of(PNG);
    }
    if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
      return Optional.of(JPEG);
    }
    return Optional.empty();
  }
}
