package dev.vcg.direction;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the director knows of a brand: its name, colours, fonts, tone of voice, call to action
 * and tagline. Every part is optional. Colours are free text ({@code "#0A84FF"},
 * {@code "deep navy"}), as brands and scrapers write them.
 *
 * <p>Immutable and thread-safe; reads and writes JSON.
 *
 * <pre>{@code
 * BrandContext brand = BrandContext.builder()
 *     .name("Hamza Labs").addColor("#C9A227").addColor("black")
 *     .tone("confident, warm").callToAction("Visit hamzalabs.dev")
 *     .build();
 * }</pre>
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonDeserialize(builder = BrandContext.Builder.class)
public final class BrandContext {
  static final int MAX_TEXT = 500;

  private final String name;
  private final List<String> palette;
  private final List<String> fonts;
  private final String tone;
  private final String callToAction;
  private final String tagline;

  private BrandContext(Builder b) {
    this.name = b.name;
    this.palette = List.copyOf(b.palette);
    this.fonts = List.copyOf(b.fonts);
    this.tone = b.tone;
    this.callToAction = b.callToAction;
    this.tagline = b.tagline;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the brand's name, if given */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** @return the brand colours, most important first (may be empty) */
  public List<String> palette() {
    return palette;
  }

  /** @return the brand fonts (may be empty) */
  public List<String> fonts() {
    return fonts;
  }

  /** @return the tone of voice, e.g. {@code "confident, warm"}, if given */
  public Optional<String> tone() {
    return Optional.ofNullable(tone);
  }

  /** @return the call to action, e.g. {@code "Start your free trial"}, if given */
  public Optional<String> callToAction() {
    return Optional.ofNullable(callToAction);
  }

  /** @return the tagline, if given */
  public Optional<String> tagline() {
    return Optional.ofNullable(tagline);
  }

  /** @return whether nothing is known of the brand */
  public boolean isEmpty() {
    return name == null && palette.isEmpty() && fonts.isEmpty() && tone == null && callToAction == null
        && tagline == null;
  }

  /** @return a builder holding this brand's values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.palette.addAll(palette);
    b.fonts.addAll(fonts);
    b.tone = tone;
    b.callToAction = callToAction;
    b.tagline = tagline;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BrandContext b && Objects.equals(name, b.name) && palette.equals(b.palette)
        && fonts.equals(b.fonts) && Objects.equals(tone, b.tone) && Objects.equals(callToAction, b.callToAction)
        && Objects.equals(tagline, b.tagline);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, palette, fonts, tone, callToAction, tagline);
  }

  @Override
  public String toString() {
    return "BrandContext[name=" + name + ", palette=" + palette + ", tone=" + tone + "]";
  }

  static String text(String value, String field) {
    if (value == null) {
      return null;
    }
    String s = value.strip();
    if (s.length() > MAX_TEXT) {
      throw new IllegalArgumentException(field + " is " + s.length() + " characters; at most " + MAX_TEXT);
    }
    return s.isEmpty() ? null : s;
  }

  /** Builds a {@link BrandContext}. Not thread-safe. */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder {
    private String name;
    private final List<String> palette = new ArrayList<>();
    private final List<String> fonts = new ArrayList<>();
    private String tone;
    private String callToAction;
    private String tagline;

    private Builder() {
    }

    /**
     * @param name the brand's name, or null
     * @return this builder
     * @throws IllegalArgumentException if longer than 500 characters
     */
    public Builder name(String name) {
      this.name = text(name, "name");
      return this;
    }

    /**
     * @param colors the brand colours, replacing any added before
     * @return this builder
     * @throws IllegalArgumentException if a colour is blank or too long
     */
    public Builder palette(List<String> colors) {
      palette.clear();
      Objects.requireNonNull(colors, "colors").forEach(this::addColor);
      return this;
    }

    /**
     * @param color a brand colour, e.g. {@code "#0A84FF"} or {@code "deep navy"}
     * @return this builder
     * @throws IllegalArgumentException if blank or too long
     */
    public Builder addColor(String color) {
      String c = text(Objects.requireNonNull(color, "color"), "color");
      if (c == null) {
        throw new IllegalArgumentException("color is blank");
      }
      palette.add(c);
      return this;
    }

    /**
     * @param fonts the brand fonts, replacing any added before
     * @return this builder
     * @throws IllegalArgumentException if a font name is blank or too long
     */
    public Builder fonts(List<String> fonts) {
      this.fonts.clear();
      for (String f : Objects.requireNonNull(fonts, "fonts")) {
        String t = text(Objects.requireNonNull(f, "font"), "font");
        if (t == null) {
          throw new IllegalArgumentException("font is blank");
        }
        this.fonts.add(t);
      }
      return this;
    }

    /**
     * @param tone the tone of voice, or null
     * @return this builder
     */
    public Builder tone(String tone) {
      this.tone = text(tone, "tone");
      return this;
    }

    /**
     * @param callToAction the call to action, or null
     * @return this builder
     */
    public Builder callToAction(String callToAction) {
      this.callToAction = text(callToAction, "callToAction");
      return this;
    }

    /**
     * @param tagline the tagline, or null
     * @return this builder
     */
    public Builder tagline(String tagline) {
      this.tagline = text(tagline, "tagline");
      return this;
    }

    /** @return the brand context */
    public BrandContext build() {
      return new BrandContext(this);
    }
  }
}
