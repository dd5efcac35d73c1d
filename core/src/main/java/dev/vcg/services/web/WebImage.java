package dev.vcg.services.web;

import java.net.URI;
import java.util.Objects;

/**
 * An image referenced by a scraped page: a logo candidate, an icon, the Open Graph image or a
 * content image. Only the URL is known; fetch it through the guarded downloader to use it.
 *
 * @param url the absolute http(s) URL
 * @param kind what the page uses it for
 * @param detail the alt text, or the declared {@code sizes} of an icon; may be empty
 */
public record WebImage(URI url, Kind kind, String detail) {
  /** What a page uses an image for. */
  public enum Kind {
    /** An image marked as a logo (by class, id, alt text, file name or structured data). */
    LOGO,
    /** A favicon ({@code link rel=icon}). */
    ICON,
    /** An {@code apple-touch-icon}: usually a square, high-resolution logo. */
    APPLE_TOUCH_ICON,
    /** The {@code og:image} shown when the page is shared. */
    OPEN_GRAPH,
    /** An image in the page's content. */
    IMAGE
  }

  /** Validates. */
  public WebImage {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(kind, "kind");
    detail = detail == null ? "" : detail;
  }
}
