package dev.vcg.services.brand;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.vcg.services.web.CallToAction;
import dev.vcg.services.web.Heading;
import dev.vcg.services.web.WebImage;
import dev.vcg.services.web.WebsiteAnalysis;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What a plan needs of a scraped website, in a form a workflow can checkpoint: its name, title,
 * description, headings, the start of its text, calls to action, colours, fonts and image URLs.
 *
 * @param url the page
 * @param siteName the site's name, or null
 * @param title the page title
 * @param description the meta description
 * @param headings heading texts, in page order (at most 20)
 * @param text the main text, cut to {@value #MAX_TEXT} characters
 * @param callsToAction calls to action, in page order
 * @param themeColor the {@code theme-color}, or null
 * @param colors colours as {@code #rrggbb}, chromatic first, most used first
 * @param fonts font families, web fonts first
 * @param logoUrls logo candidates, best first
 * @param imageUrls content and Open Graph images
 * @param warnings what the scraper could not read
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebsiteFacts(URI url, String siteName, String title, String description, List<String> headings,
                           String text, List<CallToAction> callsToAction, String themeColor, List<String> colors,
                           List<String> fonts, List<URI> logoUrls, List<URI> imageUrls, List<String> warnings) {
  /** The most text kept. */
  public static final int MAX_TEXT = 4_000;

  /** Validates and copies. */
  public WebsiteFacts {
    Objects.requireNonNull(url, "url");
    title = title == null ? "" : title;
    description = description == null ? "" : description;
    headings = headings == null ? List.of() : List.copyOf(headings);
    text = text == null ? "" : text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    callsToAction = callsToAction == null ? List.of() : List.copyOf(callsToAction);
    colors = colors == null ? List.of() : List.copyOf(colors);
    fonts = fonts == null ? List.of() : List.copyOf(fonts);
    logoUrls = logoUrls == null ? List.of() : List.copyOf(logoUrls);
    imageUrls = imageUrls == null ? List.of() : List.copyOf(imageUrls);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /**
   * @param site what the scraper read
   * @return the facts a plan needs
   */
  public static WebsiteFacts of(WebsiteAnalysis site) {
    Objects.requireNonNull(site, "site");
    List<URI> images = new java.util.ArrayList<>();
    site.openGraphImage().map(WebImage::url).ifPresent(images::add);
    site.images().stream().map(WebImage::url).filter(u -> !images.contains(u)).forEach(images::add);
    return new WebsiteFacts(site.url(), site.siteName().orElse(null), site.title(), site.description(),
        site.headings().stream().map(Heading::text).limit(20).toList(), site.text(), site.callsToAction(),
        site.themeColor().orElse(null), site.colors(), site.fonts(),
        site.logoCandidates().stream().map(WebImage::url).toList(), images, site.warnings());
  }
}
