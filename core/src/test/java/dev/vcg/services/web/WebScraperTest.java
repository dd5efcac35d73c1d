package dev.vcg.services.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebScraperTest {
  private static WireMockServer wm;
  private static String base;
  private static WebScraper scraper;

  @BeforeAll
  static void start() {
    wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    base = "http://127.0.0.1:" + wm.port();
    scraper = WebScraper.builder().fetcher(GuardedFetcher.builder()
        .policy(FetchPolicy.builder().allowLoopbackForTesting(true).allowPort(wm.port()).build()).build()).build();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = WebScraperTest.class.getResourceAsStream("site/" + name)) {
      return in.readAllBytes();
    }
  }

  private static void serve(String path, String type, byte[] body) {
    wm.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", type).withBody(body)));
  }

  private void serveSite() throws IOException {
    serve("/", "text/html; charset=utf-8", fixture("index.html"));
    serve("/css/brand.css", "text/css", fixture("brand.css"));
    wm.stubFor(get(urlEqualTo("/css/missing.css")).willReturn(aResponse().withStatus(404)));
  }

  @Test
  void extractsTextAndStructure() throws IOException {
    serveSite();
    WebsiteAnalysis a = scraper.scrape(base + "/");

    assertThat(a.url()).isEqualTo(URI.create(base + "/"));
    assertThat(a.title()).isEqualTo("Acme Rockets — Launch faster");
    assertThat(a.description()).isEqualTo("Acme builds reusable rockets for small teams.");
    assertThat(a.siteName()).contains("Acme");
    assertThat(a.language()).contains("en");
    assertThat(a.headings()).containsExactly(new Heading(1, "Launch faster with Acme"), new Heading(2, "Why Acme"),
        new Heading(3, "Fast"));
    assertThat(a.text()).contains("Reusable rockets for teams of any size.").contains("Because we ship.")
        .doesNotContain("not a heading").doesNotContain("About us").doesNotContain("Acme Corp");
    assertThat(a.truncated()).isFalse();
  }

  @Test
  void extractsCallsToAction() throws IOException {
    serveSite();
    WebsiteAnalysis a = scraper.scrape(base + "/");

    assertThat(a.callsToAction()).extracting(CallToAction::text).containsExactly("Pricing", "Get started", "Book a demo");
    assertThat(a.callsToAction().get(1).target()).contains(URI.create(base + "/signup?plan=team"));
    assertThat(a.callsToAction().get(2).target()).isEmpty();
  }

  @Test
  void extractsColoursWithTheThemeFirstAndBrandColoursBeforeNeutrals() throws IOException {
    serveSite();
    WebsiteAnalysis a = scraper.scrape(base + "/");

    assertThat(a.themeColor()).contains("#ff5a1f");
    assertThat(a.colors()).first().isEqualTo("#ff5a1f");
    assertThat(a.colors().subList(0, 2)).containsExactly("#ff5a1f", "#1b3a6b");
    // hsl(16, 100%, 56%) and rgb(255, 90, 31) are the theme colour again; transparent, url() and
    // comment "colours" are not colours.
    assertThat(a.colors()).containsExactlyInAnyOrder("#ff5a1f", "#1b3a6b", "#ffffff", "#222222", "#000000");
    assertThat(a.stylesheets()).containsExactly(URI.create(base + "/css/brand.css"));
  }

  @Test
  void extractsFontsWithWebFontsFirst() throws IOException {
    serveSite();
    WebsiteAnalysis a = scraper.scrape(base + "/");
    assertThat(a.fonts()).containsExactly("Inter", "Playfair Display", "Acme Sans");
  }

  @Test
  void extractsLogosIconsAndImages() throws IOException {
    serveSite();
    WebsiteAnalysis a = scraper.scrape(base + "/");

    assertThat(a.logoCandidates()).extracting(w -> w.url().toString(), WebImage::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("https://acme.example/ld-logo.png", WebImage.Kind.LOGO),
        org.assertj.core.groups.Tuple.tuple(base + "/img/acme-mark.svg", WebImage.Kind.LOGO),
        org.assertj.core.groups.Tuple.tuple(base + "/img/footer-logo.png", WebImage.Kind.LOGO),
        org.assertj.core.groups.Tuple.tuple(base + "/apple-touch-icon.png", WebImage.Kind.APPLE_TOUCH_ICON),
        org.assertj.core.groups.Tuple.tuple(base + "/favicon-192.png", WebImage.Kind.ICON),
        org.assertj.core.groups.Tuple.tuple(base + "/favicon-32.png", WebImage.Kind.ICON));
    assertThat(a.icons()).extracting(WebImage::detail).containsExactly("180x180", "192x192", "32x32");
    assertThat(a.openGraphImage()).map(WebImage::url).contains(URI.create(base + "/img/share.png"));
    assertThat(a.images()).singleElement().satisfies(i -> {
      assertThat(i.url()).isEqualTo(URI.create(base + "/img/rocket.jpg"));
      assertThat(i.detail()).isEqualTo("A rocket on the pad");
    });
  }

  @Test
  void stylesheetsAreFetchedThroughTheGuardAndFailuresBecomeWarnings() throws IOException {
    serveSite();
    WebsiteAnalysis a = scraper.scrape(base + "/");

    assertThat(a.warnings()).hasSize(2);
    assertThat(a.warnings()).anySatisfy(w -> assertThat(w).contains("missing.css").contains("404"));
    assertThat(a.warnings()).anySatisfy(w -> assertThat(w).contains("169.254.169.254").contains("link-local"));
    wm.verify(1, getRequestedFor(urlEqualTo("/css/brand.css")));
    wm.verify(1, getRequestedFor(urlEqualTo("/css/missing.css")));
  }

  @Test
  void aThreeMegabytePageIsReadToTheCapAndMarkedTruncated() {
    String head = "<html><head><title>Big page</title><meta name=theme-color content=\"#336699\"></head><body><main><p>";
    StringBuilder html = new StringBuilder(head);
    while (html.length() < 3 * 1024 * 1024) {
      html.append("lorem ipsum dolor sit amet ");
    }
    html.append("</p><h2>after the cap</h2></main></body></html>");
    serve("/big", "text/html", html.toString().getBytes(StandardCharsets.UTF_8));

    WebsiteAnalysis a = scraper.scrape(base + "/big");

    assertThat(a.truncated()).isTrue();
    assertThat(a.warnings()).anySatisfy(w -> assertThat(w).contains("cut at 2097152 bytes"));
    assertThat(a.warnings()).anySatisfy(w -> assertThat(w).contains("text was shortened to 10000"));
    assertThat(a.title()).isEqualTo("Big page");
    assertThat(a.themeColor()).contains("#336699");
    assertThat(a.headings()).isEmpty();
  }

  @Test
  void aPageThatIsNotHtmlIsRefused() {
    serve("/data.json", "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> scraper.scrape(base + "/data.json")).isInstanceOf(ContentRefusedException.class)
        .hasMessageContaining("application/json");
  }

  @Test
  void aPrivateAddressIsRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> WebScraper.create().scrape("http://169.254.169.254/latest/meta-data/"))
        .isInstanceOf(UrlRefusedException.class);
    assertThatThrownBy(() -> scraper.scrape("http://localhost:" + wm.port() + "/"))
        .isInstanceOf(UrlRefusedException.class);
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void atMostTenStylesheetsAreReadAndTheRestNamedInAWarning() {
    StringBuilder html = new StringBuilder("<html><head><title>t</title>");
    for (int i = 0; i < 12; i++) {
      html.append("<link rel=stylesheet href=\"/s").append(i).append(".css\">");
    }
    html.append("</head><body></body></html>");
    serve("/many", "text/html", html.toString().getBytes(StandardCharsets.UTF_8));
    wm.stubFor(get(urlMatching("/s[0-9]+\\.css")).willReturn(aResponse().withHeader("Content-Type", "text/css")
        .withBody(".x { color: #00aa00; }")));

    WebsiteAnalysis a = scraper.scrape(base + "/many");

    assertThat(a.stylesheets()).hasSize(10);
    wm.verify(10, getRequestedFor(urlMatching("/s[0-9]+\\.css")));
    wm.verify(0, getRequestedFor(urlEqualTo("/s10.css")));
    assertThat(a.warnings()).anySatisfy(w -> assertThat(w).contains("12 stylesheets").contains("first 10"));
    assertThat(a.colors()).containsExactly("#00aa00");
  }

  @Test
  void theScanBudgetLimitsStylesheetBytes() {
    StringBuilder html = new StringBuilder("<html><head><title>t</title>");
    for (int i = 0; i < 4; i++) {
      html.append("<link rel=stylesheet href=\"/b").append(i).append(".css\">");
    }
    html.append("</head><body></body></html>");
    byte[] page = html.toString().getBytes(StandardCharsets.UTF_8);
    serve("/budget", "text/html", page);
    String css = ".x { color: #abcdef; }" + " ".repeat(1000);
    wm.stubFor(get(urlMatching("/b[0-9]\\.css")).willReturn(aResponse().withHeader("Content-Type", "text/css")
        .withBody(css)));
    WebScraper tight = WebScraper.builder().fetcher(GuardedFetcher.builder()
            .policy(FetchPolicy.builder().allowLoopbackForTesting(true).allowPort(wm.port()).build()).build())
        .maxPageBytes(page.length).maxTotalBytes(page.length + 2L * css.length() + 10).maxConcurrentFetches(1).build();

    WebsiteAnalysis a = tight.scrape(base + "/budget");

    assertThat(a.stylesheets()).hasSize(3);
    assertThat(a.warnings()).anySatisfy(w -> assertThat(w).contains("cut at 10 bytes"));
    assertThat(a.warnings()).anySatisfy(w -> assertThat(w).contains("budget is spent"));
  }

  @Test
  void noMoreThanFourStylesheetsAreFetchedAtOnce() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    StringBuilder html = new StringBuilder("<html><head>");
    for (int i = 0; i < 10; i++) {
      html.append("<link rel=stylesheet href=\"/c").append(i).append(".css\">");
    }
    html.append("</head><body></body></html>");
    try (ScriptedServer s = new ScriptedServer((r, out) -> {
      if (r.path().equals("/")) {
        ScriptedServer.respond(out, 200, "text/html", html.toString().getBytes(StandardCharsets.UTF_8));
        return;
      }
      int now = inFlight.incrementAndGet();
      max.accumulateAndGet(now, Math::max);
      try {
        Thread.sleep(60); // a slow CDN, so that fetches overlap
      } finally {
        inFlight.decrementAndGet();
      }
      ScriptedServer.respond(out, 200, "text/css", "a{color:#102030}".getBytes(StandardCharsets.UTF_8));
    })) {
      WebScraper w = WebScraper.builder().fetcher(GuardedFetcher.builder()
          .policy(FetchPolicy.builder().allowLoopbackForTesting(true).allowPort(s.port()).build()).build()).build();
      WebsiteAnalysis a = w.scrape(s.url("/"));
      assertThat(a.stylesheets()).hasSize(10);
      assertThat(max.get()).isBetween(2, 4);
    }
  }

  @Test
  void cssColourAndFontParsing() {
    assertThat(CssScan.colors("#abc #abcd #a1b2c3 #a1b2c3d4 #a1b2c300 #abc0 #12345", false))
        .containsExactly("#aabbcc", "#aabbcc", "#a1b2c3", "#a1b2c3");
    assertThat(CssScan.colors("rgb(255,0,0) rgba(0, 128, 0, .5) rgb(0 0 255 / 50%) rgb(100%, 50%, 0%) rgba(1,2,3,0)", false))
        .containsExactly("#ff0000", "#008000", "#0000ff", "#ff8000");
    assertThat(CssScan.colors("hsl(0, 100%, 50%) hsl(120deg 100% 25%) hsla(240, 100%, 50%, 0)", false))
        .containsExactly("#ff0000", "#008000");
    assertThat(CssScan.colors("url(#abc) url('x.svg#fed') solid red", true)).containsExactly("#ff0000");
    assertThat(CssScan.colors("solid red", false)).isEmpty();
    assertThat(CssScan.parseColor("White")).contains("#ffffff");
    assertThat(CssScan.parseColor("not a colour")).isEmpty();
    assertThat(CssScan.families("\"Open Sans\", 'Helvetica Neue', Arial, sans-serif !important"))
        .containsExactly("Open Sans", "Helvetica Neue", "Arial");
    assertThat(CssScan.families("var(--font-body)")).isEmpty();
    assertThat(CssScan.googleFonts("https://fonts.googleapis.com/css?family=Roboto:400,700|Open+Sans&subset=latin"))
        .containsExactly("Roboto", "Open Sans");
    assertThat(CssScan.googleFonts("https://fonts.googleapis.com/css2?family=Inter:wght@400;700&family=DM+Serif+Display"))
        .containsExactly("Inter", "DM Serif Display");
    assertThat(CssScan.googleFonts("https://evil.example/css?family=Roboto")).isEmpty();
    assertThat(CssScan.neutral("#f5f5f5")).isTrue();
    assertThat(CssScan.neutral("#1b3a6b")).isFalse();

    CssScan scan = new CssScan();
    scan.stylesheet("p { font: italic bold 12px/30px Georgia, serif; } h1 { font-family: Georgia; } "
        + "b { font-family: 'Fira Code'; } :root { --brand-accent: #ff0066; --spacing: 4px; } i { color: #333; }");
    assertThat(scan.rankedFonts(10)).containsExactly("Georgia", "Fira Code");
    assertThat(scan.rankedColors(null, 10)).containsExactly("#ff0066", "#333333");
  }

  @Test
  void structuredDataLogosAreRead() {
    assertThat(PageExtractor.jsonLdLogos("{\"@graph\":[{\"@type\":\"Organization\",\"logo\":{\"@type\":\"ImageObject\",\"url\":\"https://x.example/l.png\"}}]}"))
        .containsExactly("https://x.example/l.png");
    assertThat(PageExtractor.jsonLdLogos("{not json")).isEmpty();
  }

  @Test
  void analysisIsImmutable() {
    WebsiteAnalysis a = WebsiteAnalysis.builder().url(URI.create("https://example.com/")).addColor("#112233").build();
    assertThatThrownBy(() -> a.colors().add("#000000")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> WebsiteAnalysis.builder().addColor("red")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebsiteAnalysis.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("url");
    assertThat(List.of(a.toString())).allSatisfy(s -> assertThat(s).contains("example.com"));
  }
}
