package dev.vcg.services.web;

import dev.vcg.services.web.internal.Redact;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link WebScraper} read from a website: text, calls to action and brand signals (colours,
 * fonts, logos, images). Immutable; built by the scraper, or by tests with {@link #builder()}.
 *
 * <p>{@link #truncated()} and {@link #warnings()} say when something was cut short or skipped
 * (an oversized page, a stylesheet that could not be read): the analysis is never silently
 * partial.
 */
public final class WebsiteAnalysis {
  private final URI url;
  private final String title;
  private final String description;
  private final String siteName;
  private final String language;
  private final List<Heading> headings;
  private final String text;
  private final List<CallToAction> callsToAction;
  private final String themeColor;
  private final List<String> colors;
  private final List<String> fonts;
  private final List<WebImage> logoCandidates;
  private final List<WebImage> icons;
  private final WebImage openGraphImage;
  private final List<WebImage> images;
  private final List<URI> stylesheets;
  private final boolean truncated;
  private final List<String> warnings;

  private WebsiteAnalysis(Builder b) {
    this.url = b.url;
    this.title = b.title;
    this.description = b.description;
    this.siteName = b.siteName;
    this.language = b.language;
    this.headings = List.copyOf(b.headings);
    this.text = b.text;
    this.callsToAction = List.copyOf(b.callsToAction);
    this.themeColor = b.themeColor;
    this.colors = List.copyOf(b.colors);
    this.fonts = List.copyOf(b.fonts);
    this.logoCandidates = List.copyOf(b.logoCandidates);
    this.icons = List.copyOf(b.icons);
    this.openGraphImage = b.openGraphImage;
    this.images = List.copyOf(b.images);
    this.stylesheets = List.copyOf(b.stylesheets);
    this.truncated = b.truncated;
    this.warnings = List.copyOf(b.warnings);
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the page's URL after redirects */
  public URI url() {
    return url;
  }

  /** @return the title ({@code <title>}, else {@code og:title}, else the first {@code h1}); may be empty */
  public String title() {
    return title;
  }

  /** @return the meta or Open Graph description; may be empty */
  public String description() {
    return description;
  }

  /** @return the {@code og:site_name}, if declared */
  public Optional<String> siteName() {
    return Optional.ofNullable(siteName);
  }

  /** @return the {@code lang} of the page, if declared */
  public Optional<String> language() {
    return Optional.ofNullable(language);
  }

  /** @return the {@code h1} to {@code h3} headings, in page order */
  public List<Heading> headings() {
    return headings;
  }

  /** @return the main text (scripts, styles, navigation and footers removed), capped */
  public String text() {
    return text;
  }

  /** @return calls to action, in page order, without duplicates */
  public List<CallToAction> callsToAction() {
    return callsToAction;
  }

  /** @return the declared {@code theme-color} as {@code #rrggbb}, if any */
  public Optional<String> themeColor() {
    return Optional.ofNullable(themeColor);
  }

  /**
   * @return colours used by the page as {@code #rrggbb}: the theme colour first, then chromatic
   *     colours before neutral ones (white, black, greys), each group by how often it is used
   */
  public List<String> colors() {
    return colors;
  }

  /**
   * @return font families: web fonts the page loads (Google Fonts, {@code @font-face}) first, then
   *     families named in CSS by how often; generic families such as {@code sans-serif} left out
   */
  public List<String> fonts() {
    return fonts;
  }

  /** @return images likely to be the logo, best first (marked logos, then touch icons and icons) */
  public List<WebImage> logoCandidates() {
    return logoCandidates;
  }

  /** @return the favicons and touch icons declared by the page */
  public List<WebImage> icons() {
    return icons;
  }

  /** @return the {@code og:image}, if declared */
  public Optional<WebImage> openGraphImage() {
    return Optional.ofNullable(openGraphImage);
  }

  /** @return content images, in page order, capped */
  public List<WebImage> images() {
    return images;
  }

  /** @return the stylesheets that were read for colours and fonts */
  public List<URI> stylesheets() {
    return stylesheets;
  }

  /** @return whether the page was larger than the limit and only its beginning was read */
  public boolean truncated() {
    return truncated;
  }

  /** @return what was cut short or skipped, for the caller or the user */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "WebsiteAnalysis[" + Redact.url(url) + ", title=" + Redact.text(title, 60) + ", colors=" + colors
        + ", fonts=" + fonts + ", ctas=" + callsToAction.size() + ", logos=" + logoCandidates.size()
        + (truncated ? ", truncated" : "") + (warnings.isEmpty() ? "" : ", warnings=" + warnings.size()) + "]";
  }

  /** Builds a {@link WebsiteAnalysis}. Not thread-safe. */
  public static final class Builder {
    private URI url;
    private String title = "";
    private String description = "";
    private String siteName;
    private String language;
    private final List<Heading> headings = new ArrayList<>();
    private String text = "";
    private final List<CallToAction> callsToAction = new ArrayList<>();
    private String themeColor;
    private final List<String> colors = new ArrayList<>();
    private final List<String> fonts = new ArrayList<>();
    private final List<WebImage> logoCandidates = new ArrayList<>();
    private final List<WebImage> icons = new ArrayList<>();
    private WebImage openGraphImage;
    private final List<WebImage> images = new ArrayList<>();
    private final List<URI> stylesheets = new ArrayList<>();
    private boolean truncated;
    private final List<String> warnings = new ArrayList<>();

    private Builder() {
    }

    /**
     * @param url the page's URL (required)
     * @return this builder
     */
    public Builder url(URI url) {
      this.url = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * @param title the title
     * @return this builder
     */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /**
     * @param description the description
     * @return this builder
     */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /**
     * @param siteName the site's name, or null
     * @return this builder
     */
    public Builder siteName(String siteName) {
      this.siteName = siteName;
      return this;
    }

    /**
     * @param language the page's language tag, or null
     * @return this builder
     */
    public Builder language(String language) {
      this.language = language;
      return this;
    }

    /**
     * @param heading a heading
     * @return this builder
     */
    public Builder addHeading(Heading heading) {
      headings.add(Objects.requireNonNull(heading, "heading"));
      return this;
    }

    /**
     * @param text the main text
     * @return this builder
     */
    public Builder text(String text) {
      this.text = Objects.requireNonNull(text, "text");
      return this;
    }

    /**
     * @param cta a call to action
     * @return this builder
     */
    public Builder addCallToAction(CallToAction cta) {
      callsToAction.add(Objects.requireNonNull(cta, "cta"));
      return this;
    }

    /**
     * @param color the theme colour as {@code #rrggbb}, or null
     * @return this builder
     * @throws IllegalArgumentException if not {@code #rrggbb}
     */
    public Builder themeColor(String color) {
      this.themeColor = color == null ? null : hex(color);
      return this;
    }

    /**
     * @param color a colour as {@code #rrggbb}, ranked after those added before
     * @return this builder
     * @throws IllegalArgumentException if not {@code #rrggbb}
     */
    public Builder addColor(String color) {
      colors.add(hex(color));
      return this;
    }

    /**
     * @param font a font family, ranked after those added before
     * @return this builder
     */
    public Builder addFont(String font) {
      fonts.add(Objects.requireNonNull(font, "font"));
      return this;
    }

    /**
     * @param image a logo candidate, ranked after those added before
     * @return this builder
     */
    public Builder addLogoCandidate(WebImage image) {
      logoCandidates.add(Objects.requireNonNull(image, "image"));
      return this;
    }

    /**
     * @param image an icon
     * @return this builder
     */
    public Builder addIcon(WebImage image) {
      icons.add(Objects.requireNonNull(image, "image"));
      return this;
    }

    /**
     * @param image the Open Graph image, or null
     * @return this builder
     */
    public Builder openGraphImage(WebImage image) {
      this.openGraphImage = image;
      return this;
    }

    /**
     * @param image a content image
     * @return this builder
     */
    public Builder addImage(WebImage image) {
      images.add(Objects.requireNonNull(image, "image"));
      return this;
    }

    /**
     * @param stylesheet a stylesheet that was read
     * @return this builder
     */
    public Builder addStylesheet(URI stylesheet) {
      stylesheets.add(Objects.requireNonNull(stylesheet, "stylesheet"));
      return this;
    }

    /**
     * @param truncated whether the page was cut at the size limit
     * @return this builder
     */
    public Builder truncated(boolean truncated) {
      this.truncated = truncated;
      return this;
    }

    /**
     * @param warning something cut short or skipped
     * @return this builder
     */
    public Builder addWarning(String warning) {
      warnings.add(Objects.requireNonNull(warning, "warning"));
      return this;
    }

    /**
     * @return the analysis
     * @throws IllegalStateException if the URL is missing
     */
    public WebsiteAnalysis build() {
      if (url == null) {
        throw new IllegalStateException("url is required");
      }
      return new WebsiteAnalysis(this);
    }

    private static String hex(String color) {
      Objects.requireNonNull(color, "color");
      if (!color.matches("#[0-9a-f]{6}")) {
        throw new IllegalArgumentException("colours are #rrggbb in lower case: " + color);
      }
      return color;
    }
  }
}
