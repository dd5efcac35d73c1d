package dev.vcg.services.brand;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import dev.vcg.direction.BrandContext;
import dev.vcg.media.MediaRef;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A brand as the planner sees it: name, a palette in which every colour has a role, fonts, tone
 * of voice, call to action, tagline, the logo, and how confident the synthesis is. Every part but
 * the confidence is optional.
 *
 * <p>Immutable and thread-safe; reads and writes JSON.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonDeserialize(builder = BrandProfile.Builder.class)
public final class BrandProfile {
  private final String name;
  private final List<BrandColor> palette;
  private final List<String> fonts;
  private final String tone;
  private final String callToAction;
  private final String tagline;
  private final MediaRef logo;
  private final double confidence;
  private final List<String> sources;
  private final List<String> warnings;

  private BrandProfile(Builder b) {
    this.name = b.name;
    this.palette = List.copyOf(b.palette);
    this.fonts = List.copyOf(b.fonts);
    this.tone = b.tone;
    this.callToAction = b.callToAction;
    this.tagline = b.tagline;
    this.logo = b.logo;
    this.confidence = b.confidence;
    this.sources = List.copyOf(b.sources);
    this.warnings = List.copyOf(b.warnings);
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the brand's name, if known */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** @return the palette, one colour per role at most, in role order (primary first) */
  public List<BrandColor> palette() {
    return palette;
  }

  /**
   * @param role a role
   * @return the colour with that role, if the palette has one
   */
  public Optional<BrandColor> color(ColorRole role) {
    return palette.stream().filter(c -> c.role() == role).findFirst();
  }

  /** @return the palette's colours as {@code #rrggbb}, in role order */
  public List<String> hexes() {
    return palette.stream().map(BrandColor::hex).toList();
  }

  /** @return font families, most important first */
  public List<String> fonts() {
    return fonts;
  }

  /** @return the tone of voice, if known */
  public Optional<String> tone() {
    return Optional.ofNullable(tone);
  }

  /** @return the call to action, e.g. {@code "Start your free trial"}, if known */
  public Optional<String> callToAction() {
    return Optional.ofNullable(callToAction);
  }

  /** @return the tagline, if known */
  public Optional<String> tagline() {
    return Optional.ofNullable(tagline);
  }

  /** @return the logo (the user's file, or a logo URL found on the website), if known */
  public Optional<MediaRef> logo() {
    return Optional.ofNullable(logo);
  }

  /** @return how much evidence the profile rests on, 0 (none) to 1 */
  public double confidence() {
    return confidence;
  }

  /** @return what the profile was made from, e.g. {@code website}, {@code logo} */
  public List<String> sources() {
    return sources;
  }

  /** @return what was missing or uncertain */
  public List<String> warnings() {
    return warnings;
  }

  /** @return whether nothing is known of the brand but derived defaults */
  public boolean isEmpty() {
    return sources.isEmpty();
  }

  /**
   * The brand as the director takes it: the name, the palette's colours (primary first; the
   * background and text colours last), fonts, tone, call to action and tagline.
   *
   * @return the director's brand context
   */
  public BrandContext toBrandContext() {
    BrandContext.Builder b = BrandContext.builder().name(name).tone(tone).callToAction(callToAction).tagline(tagline);
    Set<ColorRole> brandRoles = EnumSet.of(ColorRole.PRIMARY, ColorRole.SECONDARY, ColorRole.ACCENT);
    palette.stream().filter(c -> brandRoles.contains(c.role())).forEach(c -> b.addColor(c.hex()));
    palette.stream().filter(c -> !brandRoles.contains(c.role()) && c.source() != BrandColor.Source.DERIVED)
        .forEach(c -> b.addColor(c.hex()));
    b.fonts(fonts);
    return b.build();
  }

  /** @return a builder holding these values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.palette.addAll(palette);
    b.fonts.addAll(fonts);
    b.tone = tone;
    b.callToAction = callToAction;
    b.tagline = tagline;
    b.logo = logo;
    b.confidence = confidence;
    b.sources.addAll(sources);
    b.warnings.addAll(warnings);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BrandProfile p && Objects.equals(name, p.name) && palette.equals(p.palette)
        && fonts.equals(p.fonts) && Objects.equals(tone, p.tone) && Objects.equals(callToAction, p.callToAction)
        && Objects.equals(tagline, p.tagline) && Objects.equals(logo, p.logo) && confidence == p.confidence
        && sources.equals(p.sources) && warnings.equals(p.warnings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, palette, fonts, tone, callToAction, tagline, logo, confidence, sources, warnings);
  }

  @Override
  public String toString() {
    return "BrandProfile[name=" + name + ", palette=" + palette.stream().map(c -> c.role().wireName() + "=" + c.hex())
        .toList() + ", fonts=" + fonts + ", tone=" + tone + ", cta=" + callToAction + ", confidence=" + confidence + "]";
  }

  /** Builds a {@link BrandProfile}. Not thread-safe. */
  @JsonPOJOBuilder(withPrefix = "")
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static final class Builder {
    private String name;
    private final List<BrandColor> palette = new ArrayList<>();
    private final List<String> fonts = new ArrayList<>();
    private String tone;
    private String callToAction;
    private String tagline;
    private MediaRef logo;
    private double confidence;
    private final List<String> sources = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private Builder() {
    }

    /**
     * @param name the brand's name, or null
     * @return this builder
     */
    public Builder name(String name) {
      this.name = blankToNull(name);
      return this;
    }

    /**
     * @param palette the colours (replaces any added before)
     * @return this builder
     */
    public Builder palette(List<BrandColor> palette) {
      Objects.requireNonNull(palette, "palette");
      List<BrandColor> copy = new ArrayList<>();
      palette.forEach(c -> copy.add(Objects.requireNonNull(c, "color")));
      this.palette.clear();
      copy.forEach(this::addColor);
      return this;
    }

    /**
     * @param color a colour
     * @return this builder
     * @throws IllegalArgumentException if the palette already has a colour with that role
     */
    public Builder addColor(BrandColor color) {
      Objects.requireNonNull(color, "color");
      if (palette.stream().anyMatch(c -> c.role() == color.role())) {
        throw new IllegalArgumentException("the palette already has a " + color.role().wireName() + " colour");
      }
      palette.add(color);
      palette.sort((a, b) -> a.role().compareTo(b.role()));
      return this;
    }

    /**
     * @param fonts font families (replaces any added before)
     * @return this builder
     */
    public Builder fonts(List<String> fonts) {
      Objects.requireNonNull(fonts, "fonts");
      List<String> copy = new ArrayList<>();
      fonts.forEach(f -> copy.add(Objects.requireNonNull(f, "font")));
      this.fonts.clear();
      this.fonts.addAll(copy);
      return this;
    }

    /**
     * @param tone the tone of voice, or null
     * @return this builder
     */
    public Builder tone(String tone) {
      this.tone = blankToNull(tone);
      return this;
    }

    /**
     * @param callToAction the call to action, or null
     * @return this builder
     */
    public Builder callToAction(String callToAction) {
      this.callToAction = blankToNull(callToAction);
      return this;
    }

    /**
     * @param tagline the tagline, or null
     * @return this builder
     */
    public Builder tagline(String tagline) {
      this.tagline = blankToNull(tagline);
      return this;
    }

    /**
     * @param logo the logo, or null
     * @return this builder
     */
    public Builder logo(MediaRef logo) {
      this.logo = logo;
      return this;
    }

    /**
     * @param confidence 0 to 1
     * @return this builder
     * @throws IllegalArgumentException if outside 0..1
     */
    public Builder confidence(double confidence) {
      if (!(confidence >= 0 && confidence <= 1)) {
        throw new IllegalArgumentException("confidence must be within 0..1: " + confidence);
      }
      this.confidence = confidence;
      return this;
    }

    /**
     * @param sources what the profile was made from (replaces any added before)
     * @return this builder
     */
    public Builder sources(List<String> sources) {
      Objects.requireNonNull(sources, "sources");
      List<String> copy = new ArrayList<>();
      sources.forEach(s -> copy.add(Objects.requireNonNull(s, "source")));
      this.sources.clear();
      this.sources.addAll(copy);
      return this;
    }

    /**
     * @param warnings what was missing or uncertain (replaces any added before)
     * @return this builder
     */
    public Builder warnings(List<String> warnings) {
      Objects.requireNonNull(warnings, "warnings");
      List<String> copy = new ArrayList<>();
      warnings.forEach(w -> copy.add(Objects.requireNonNull(w, "warning")));
      this.warnings.clear();
      this.warnings.addAll(copy);
      return this;
    }

    /** @return the profile */
    public BrandProfile build() {
      return new BrandProfile(this);
    }

    private static String blankToNull(String s) {
      if (s == null) {
        return null;
      }
      String t = s.strip().replaceAll("\\s+", " ");
      if (t.length() > 500) {
        t = t.substring(0, 500).strip();
      }
      return t.isEmpty() ? null : t;
    }
  }
}
