package dev.vcg.services.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcg.internal.Json;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Reads the brand signals out of a parsed page. Stateless. */
final class PageExtractor {
  static final int MAX_HEADINGS = 40;
  static final int MAX_CTAS = 15;
  static final int MAX_IMAGES = 30;
  static final int MAX_LOGOS = 10;
  static final int MAX_COLORS = 12;
  static final int MAX_FONTS = 10;

  private static final Pattern CTA = Pattern.compile(
      "^(get|start|try|sign|join|subscribe|buy|shop|order|book|schedule|reserve|contact|request|download|install"
          + "|learn|discover|explore|apply|donate|claim|upgrade|create|register|add to|talk|call|see|view|watch"
          + "|grab|build|send|claim|enroll|enrol|reach|let's|lets|begin|hire|find|compare|chat)\\b.*"
          + "|.*\\b(free trial|sign up|signup|get started|demo|pricing|contact us|book now|buy now|shop now"
          + "|order now|subscribe|newsletter)\\b.*");

  private PageExtractor() {
  }

  static void extract(Document doc, WebsiteAnalysis.Builder out, CssScan css, int maxTextChars, List<String> warnings) {
    String title = doc.title().trim();
    if (title.isEmpty()) {
      title = meta(doc, "og:title").orElseGet(() -> {
        Element h1 = doc.selectFirst("h1");
        return h1 == null ? "" : h1.text();
      });
    }
    out.title(clip(title, 300));
    out.description(clip(meta(doc, "description").or(() -> meta(doc, "og:description"))
        .or(() -> meta(doc, "twitter:description")).orElse(""), 1000));
    meta(doc, "og:site_name").ifPresent(s -> out.siteName(clip(s, 200)));
    Element html = doc.selectFirst("html");
    if (html != null && !html.attr("lang").isBlank()) {
      out.language(clip(html.attr("lang").trim(), 35));
    }

    int headings = 0;
    for (Element h : doc.select("h1, h2, h3")) {
      String t = h.text().trim();
      if (!t.isEmpty() && headings++ < MAX_HEADINGS) {
        out.addHeading(new Heading(h.tagName().charAt(1) - '0', clip(t, 200)));
      }
    }

    out.text(mainText(doc, maxTextChars, warnings));
    ctas(doc, out);
    images(doc, out);

    for (Element style : doc.select("style")) {
      css.stylesheet(style.data());
    }
    for (Element e : doc.select("[style]")) {
      css.declarations(e.attr("style"));
    }
    for (Element link : doc.select("link[href]")) {
      String href = link.attr("href");
      if (href.contains("fonts.googleapis.com")) {
        CssScan.googleFonts(link.absUrl("href")).forEach(css::webFont);
      }
    }
    meta(doc, "msapplication-TileColor").flatMap(CssScan::parseColor).ifPresent(c -> css.color(c, 3));
  }

  static Optional<String> themeColor(Document doc) {
    return meta(doc, "theme-color").flatMap(CssScan::parseColor);
  }

  static List<URI> stylesheets(Document doc, int max) {
    Set<URI> out = new LinkedHashSet<>();
    for (Element link : doc.select("link[href]")) {
      Set<String> rel = rel(link);
      // Google Fonts stylesheets only repeat the family names already in their URL.
      if (rel.contains("stylesheet") && !rel.contains("alternate") && out.size() < max) {
        http(link.absUrl("href")).filter(u -> !"fonts.googleapis.com".equalsIgnoreCase(u.getHost()))
            .ifPresent(out::add);
      }
    }
    return new ArrayList<>(out);
  }

  private static String mainText(Document doc, int max, List<String> warnings) {
    Element root = doc.selectFirst("main, [role=main], article");
    if (root == null) {
      root = doc.body();
    }
    if (root == null) {
      return "";
    }
    Element copy = root.clone();
    copy.select("script, style, noscript, template, svg, nav, footer, header, form, iframe, button, [hidden], "
        + "[aria-hidden=true]").remove();
    String text = copy.text().trim();
    if (text.length() > max) {
      warnings.add("the page's text was shortened to " + max + " of " + text.length() + " characters");
      int cut = text.lastIndexOf(' ', max);
      text = text.substring(0, cut > max / 2 ? cut : max);
    }
    return text;
  }

  private static void ctas(Document doc, WebsiteAnalysis.Builder out) {
    Map<String, CallToAction> found = new LinkedHashMap<>();
    for (Element e : doc.select("a[href], button, input[type=submit], input[type=button], [role=button]")) {
      String text = e.tagName().equals("input") ? e.attr("value") : e.text();
      if (text.isBlank()) {
        text = e.attr("aria-label");
      }
      text = text.trim().replaceAll("\\s+", " ");
      if (text.length() < 2 || text.length() > 60) {
        continue;
      }
      String lower = text.toLowerCase(Locale.ROOT);
      String classes = (e.className() + " " + e.id()).toLowerCase(Locale.ROOT);
      boolean looksLikeCta = CTA.matcher(lower).matches() || classes.matches(".*\\bcta\\b.*|.*[-_]cta.*|.*cta[-_].*");
      if (!looksLikeCta || found.containsKey(lower) || found.size() >= MAX_CTAS) {
        continue;
      }
      URI target = null;
      if (e.hasAttr("href")) {
        target = http(e.absUrl("href")).orElse(null);
        if (target == null && !e.attr("href").startsWith("#")) {
          continue;
        }
      } else if (e.tagName().equals("button") && e.parent() != null && e.parent().tagName().equals("a")) {
        target = http(e.parent().absUrl("href")).orElse(null);
      }
      found.put(lower, new CallToAction(text, target));
    }
    found.values().forEach(out::addCallToAction);
  }

  private static void images(Document doc, WebsiteAnalysis.Builder out) {
    Set<URI> logos = new LinkedHashSet<>();
    List<WebImage> logoList = new ArrayList<>();
    List<WebImage> lateLogos = new ArrayList<>();

    for (Element s : doc.select("script[type=application/ld+json]")) {
      for (String url : jsonLdLogos(s.data())) {
        http(doc.location().isEmpty() ? url : resolve(doc.location(), url)).filter(logos::add)
            .ifPresent(u -> logoList.add(new WebImage(u, WebImage.Kind.LOGO, "structured data")));
      }
    }
    List<WebImage> inHeader = new ArrayList<>();
    List<WebImage> elsewhere = new ArrayList<>();
    List<WebImage> content = new ArrayList<>();
    for (Element img : doc.select("img")) {
      String src = img.hasAttr("src") && !img.attr("src").startsWith("data:") ? img.absUrl("src") : img.absUrl("data-src");
      Optional<URI> url = http(src);
      if (url.isEmpty()) {
        continue;
      }
      String alt = clip(img.attr("alt").trim(), 200);
      if (isLogo(img)) {
        if (logos.add(url.get())) {
          WebImage w = new WebImage(url.get(), WebImage.Kind.LOGO, alt);
          (img.closest("header, nav, [role=banner]") != null ? inHeader : elsewhere).add(w);
        }
      } else if (content.size() < MAX_IMAGES && content.stream().noneMatch(c -> c.url().equals(url.get()))) {
        content.add(new WebImage(url.get(), WebImage.Kind.IMAGE, alt));
      }
    }
    logoList.addAll(inHeader);
    logoList.addAll(elsewhere);

    List<WebImage> touch = new ArrayList<>();
    List<WebImage> icons = new ArrayList<>();
    for (Element link : doc.select("link[href]")) {
      Set<String> rel = rel(link);
      Optional<URI> url = http(link.absUrl("href"));
      if (url.isEmpty()) {
        continue;
      }
      if (rel.contains("apple-touch-icon") || rel.contains("apple-touch-icon-precomposed")) {
        touch.add(new WebImage(url.get(), WebImage.Kind.APPLE_TOUCH_ICON, link.attr("sizes").trim()));
      } else if (rel.contains("icon") || rel.contains("mask-icon")) {
        icons.add(new WebImage(url.get(), WebImage.Kind.ICON, link.attr("sizes").trim()));
      }
    }
    touch.sort((a, b) -> Integer.compare(size(b.detail()), size(a.detail())));
    icons.sort((a, b) -> Integer.compare(size(b.detail()), size(a.detail())));
    for (WebImage w : touch) {
      out.addIcon(w);
      if (logos.add(w.url())) {
        lateLogos.add(w);
      }
    }
    for (WebImage w : icons) {
      out.addIcon(w);
      if (logos.add(w.url())) {
        lateLogos.add(w);
      }
    }
    logoList.addAll(lateLogos);
    logoList.stream().limit(MAX_LOGOS).forEach(out::addLogoCandidate);
    content.forEach(out::addImage);

    meta(doc, "og:image").or(() -> meta(doc, "og:image:url")).or(() -> meta(doc, "twitter:image"))
        .flatMap(v -> http(doc.location().isEmpty() ? v : resolve(doc.location(), v)))
        .ifPresent(u -> out.openGraphImage(new WebImage(u, WebImage.Kind.OPEN_GRAPH,
            meta(doc, "og:image:alt").orElse(""))));
  }

  private static boolean isLogo(Element img) {
    String own = (img.className() + " " + img.id() + " " + img.attr("alt") + " " + fileName(img.attr("src")))
        .toLowerCase(Locale.ROOT);
    if (own.contains("logo")) {
      return true;
    }
    Element p = img.parent();
    for (int i = 0; i < 3 && p != null; i++, p = p.parent()) {
      String marks = (p.className() + " " + p.id()).toLowerCase(Locale.ROOT);
      if (marks.contains("logo") || marks.contains("brand")) {
        return true;
      }
    }
    return false;
  }

  private static String fileName(String src) {
    int q = src.indexOf('?');
    String s = q < 0 ? src : src.substring(0, q);
    return s.substring(s.lastIndexOf('/') + 1);
  }

  static List<String> jsonLdLogos(String json) {
    List<String> out = new ArrayList<>();
    if (json.length() > 200_000) {
      return out;
    }
    try {
      collectLogos(Json.mapper().readTree(json), out, 0);
    } catch (Exception e) {
      // malformed structured data is common; ignore it
    }
    return out;
  }

  private static void collectLogos(JsonNode node, List<String> out, int depth) {
    if (node == null || depth > 8 || out.size() >= 3) {
      return;
    }
    if (node.isObject()) {
      JsonNode logo = node.get("logo");
      if (logo != null) {
        if (logo.isTextual()) {
          out.add(logo.asText());
        } else if (logo.isObject() && logo.path("url").isTextual()) {
          out.add(logo.path("url").asText());
        }
      }
      node.elements().forEachRemaining(child -> collectLogos(child, out, depth + 1));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collectLogos(child, out, depth + 1));
    }
  }

  private static Set<String> rel(Element link) {
    Set<String> out = new LinkedHashSet<>();
    for (String r : link.attr("rel").toLowerCase(Locale.ROOT).split("\\s+")) {
      if (!r.isEmpty()) {
        out.add(r);
      }
    }
    return out;
  }

  private static int size(String sizes) {
    int best = 0;
    for (String s : sizes.toLowerCase(Locale.ROOT).split("\\s+")) {
      int x = s.indexOf('x');
      if (x > 0) {
        try {
          best = Math.max(best, Integer.parseInt(s.substring(0, x)));
        } catch (NumberFormatException ignored) {
          // "any" or malformed
        }
      }
    }
    return best;
  }

  private static Optional<String> meta(Document doc, String name) {
    for (Element m : doc.select("meta[content]")) {
      if (m.attr("name").equalsIgnoreCase(name) || m.attr("property").equalsIgnoreCase(name)) {
        String c = m.attr("content").trim();
        if (!c.isEmpty()) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  private static String resolve(String base, String ref) {
    try {
      return URI.create(base).resolve(ref.trim()).toString();
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  static Optional<URI> http(String url) {
    if (url == null || url.isBlank() || url.length() > 2048) {
      return Optional.empty();
    }
    try {
      URI u = new URI(url.trim());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && u.getRawAuthority() != null
          ? Optional.of(u) : Optional.empty();
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }

  static String clip(String s, int max) {
    String t = s.trim().replaceAll("\\s+", " ");
    return t.length() <= max ? t : t.substring(0, max);
  }
}
