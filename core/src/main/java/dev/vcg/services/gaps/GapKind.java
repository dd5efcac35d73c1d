package dev.vcg.services.gaps;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A kind of asset a plan may lack. */
public enum GapKind {
  /** An end card for the call to action. */
  CTA_VISUAL,
  /** The brand's logo. */
  LOGO,
  /** A picture of the product or service. */
  PRODUCT_SHOT,
  /** A background plate in the brand's colours. */
  BACKGROUND;

  /** @return the JSON spelling, e.g. {@code cta_visual} */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param text the JSON spelling, any case
   * @return the kind
   */
  @JsonCreator
  public static GapKind parse(String text) {
    return valueOf(text.strip().toUpperCase(Locale.ROOT));
  }
}
