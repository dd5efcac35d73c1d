package dev.vcg.services.web;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A call to action found on a page: a button or link whose text asks the visitor to act
 * ("Get started", "Book a demo", "Shop now").
 *
 * @param text the visible text, whitespace normalised
 * @param url where it leads (absolute http(s)), or null for buttons without a link
 */
public record CallToAction(String text, URI url) {
  /** Validates. */
  public CallToAction {
    Objects.requireNonNull(text, "text");
  }

  /** @return where it leads, if it is a link */
  public Optional<URI> target() {
    return Optional.ofNullable(url);
  }
}
