package dev.vcg.services.brand;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vcg.InputAsset;
import dev.vcg.direction.BrandContext;
import dev.vcg.internal.Json;
import dev.vcg.media.MediaRef;
import dev.vcg.services.assets.AssetAnalyzer;
import dev.vcg.services.fixtures.Fixtures;
import dev.vcg.services.text.TextAnalyzer;
import dev.vcg.services.web.FetchPolicy;
import dev.vcg.services.web.GuardedFetcher;
import dev.vcg.services.web.WebScraper;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Brand synthesis from a real scrape of a local website and a real analysis of a logo file. */
class BrandSynthesizerTest {
  private static WireMockServer site;
  private static WebScraper scraper;
  private final BrandSynthesizer synthesizer = new BrandSynthesizer();

  @BeforeAll
  static void serve() {
    site = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    site.start();
    site.stubFor(get(urlEqualTo("/")).willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8")
        .withBody(Fixtures.resource("site/index.html"))));
    site.stubFor(get(urlEqualTo("/css/site.css")).willReturn(aResponse().withHeader("Content-Type", "text/css")
        .withBody(Fixtures.resource("site/site.css"))));
    scraper = WebScraper.builder().fetcher(GuardedFetcher.builder()
        .policy(FetchPolicy.builder().allowLoopbackForTesting(true).allowPort(site.port()).build()).build()).build();
  }

  @AfterAll
  static void stop() {
    site.stop();
  }

  private static WebsiteFacts scrape() {
    return WebsiteFacts.of(scraper.scrape("http://127.0.0.1:" + site.port() + "/"));
  }

  private static AssetFacts analyse(Path file, InputAsset asset) {
    return AssetFacts.of(asset, AssetAnalyzer.create().analyze(MediaRef.file(file)));
  }

  @Test
  void websiteAndLogoAgreeOnThePrimaryColour(@TempDir Path dir) {
    Path logoFile = Fixtures.logo(dir, "logo.png", new Color(0x6f3b1f), new Color(0xf2a541));
    AssetFacts logo = analyse(logoFile, InputAsset.logo(MediaRef.file(logoFile)));
    BrandProfile p = synthesizer.synthesize(scrape(), List.of(logo), null);

    assertThat(p.color(ColorRole.PRIMARY)).hasValueSatisfying(c -> {
      assertThat(c.hex()).isEqualTo("#6f3b1f");
      assertThat(c.source()).isIn(BrandColor.Source.LOGO, BrandColor.Source.THEME_COLOR, BrandColor.Source.WEBSITE);
    });
    assertThat(p.color(ColorRole.SECONDARY)).map(BrandColor::hex).contains("#f2a541");
    assertThat(p.color(ColorRole.ACCENT)).map(BrandColor::hex).contains("#1f8a70");
    assertThat(p.color(ColorRole.BACKGROUND)).map(BrandColor::hex).contains("#fffaf3");
    assertThat(p.color(ColorRole.TEXT)).map(BrandColor::hex).contains("#2b1d14");
    assertThat(p.fonts()).containsExactly("Playfair Display", "Lato");
    assertThat(p.callToAction()).contains("Start your free trial");
    assertThat(p.name()).contains("Brewtiful");
    assertThat(p.tagline()).contains("Small-batch coffee, roasted every morning and delivered by bike.");
    assertThat(p.logo()).contains(MediaRef.file(logoFile));
    assertThat(p.sources()).containsExactly("website", "logo");
    // 0.1 + website colours 0.3 + fonts 0.05 + CTA 0.05 + logo 0.35 + agreement 0.1
    assertThat(p.confidence()).isEqualTo(0.95);
    assertThat(p.warnings()).isEmpty();
  }

  @Test
  void websiteAloneUsesItsLogoUrlAndIsLessConfident() {
    BrandProfile p = synthesizer.synthesize(scrape(), List.of(), TextAnalyzer.byRules("a playful coffee ad"));
    assertThat(p.color(ColorRole.PRIMARY)).map(BrandColor::hex).contains("#6f3b1f");
    assertThat(p.logo()).hasValueSatisfying(l -> assertThat(l).isInstanceOf(MediaRef.Url.class)
        .asString().contains("brewtiful-logo.png"));
    assertThat(p.tone()).contains("playful");
    assertThat(p.confidence()).isEqualTo(0.55);
  }

  @Test
  void logoAloneGivesColoursWithDerivedNeutrals(@TempDir Path dir) {
    Path logoFile = Fixtures.logo(dir, "mark.png", new Color(0x1565c0), new Color(0xffca28));
    BrandProfile p = synthesizer.synthesize(null, List.of(analyse(logoFile, InputAsset.logo(MediaRef.file(logoFile)))), null);
    assertThat(p.color(ColorRole.PRIMARY)).map(BrandColor::hex).contains("#1565c0");
    assertThat(p.color(ColorRole.SECONDARY)).map(BrandColor::hex).contains("#ffca28");
    assertThat(p.color(ColorRole.BACKGROUND)).hasValue(new BrandColor("#ffffff", ColorRole.BACKGROUND,
        BrandColor.Source.DERIVED));
    assertThat(p.color(ColorRole.TEXT)).map(BrandColor::source).contains(BrandColor.Source.DERIVED);
    assertThat(p.confidence()).isEqualTo(0.45);
    assertThat(p.name()).isEmpty();
  }

  @Test
  void nothingKnownSaysSo() {
    BrandProfile p = synthesizer.synthesize(null, List.of(), null);
    assertThat(p.isEmpty()).isTrue();
    assertThat(p.color(ColorRole.PRIMARY)).isEmpty();
    assertThat(p.palette()).extracting(BrandColor::role).containsExactly(ColorRole.BACKGROUND, ColorRole.TEXT);
    assertThat(p.warnings()).anyMatch(w -> w.contains("no brand colours"))
        .anyMatch(w -> w.contains("no logo")).anyMatch(w -> w.contains("brand is unknown"));
    assertThat(p.confidence()).isEqualTo(0.1);
  }

  @Test
  void accentIsTheComplementWhenNothingContrasts(@TempDir Path dir) {
    Path logoFile = Fixtures.logo(dir, "mono.png", new Color(0xc62828), new Color(0xc62828));
    BrandProfile p = synthesizer.synthesize(null, List.of(analyse(logoFile, InputAsset.logo(MediaRef.file(logoFile)))), null);
    assertThat(p.color(ColorRole.SECONDARY)).isEmpty();
    assertThat(p.color(ColorRole.ACCENT)).hasValueSatisfying(c -> {
      assertThat(c.source()).isEqualTo(BrandColor.Source.DERIVED);
      assertThat(c.hex()).isNotEqualTo("#c62828");
    });
  }

  @Test
  void toBrandContextGivesTheDirectorBrandColoursFirst(@TempDir Path dir) {
    Path logoFile = Fixtures.logo(dir, "logo.png", new Color(0x6f3b1f), new Color(0xf2a541));
    BrandProfile p = synthesizer.synthesize(scrape(), List.of(analyse(logoFile, InputAsset.logo(MediaRef.file(logoFile)))),
        null);
    BrandContext c = p.toBrandContext();
    assertThat(c.palette()).startsWith("#6f3b1f", "#f2a541", "#1f8a70");
    assertThat(c.callToAction()).contains("Start your free trial");
    assertThat(c.name()).contains("Brewtiful");
    assertThat(c.fonts()).contains("Playfair Display");
  }

  @Test
  void profileRoundTripsThroughJsonAndChecksRoles() throws Exception {
    BrandProfile p = BrandProfile.builder().name("Acme").addColor(new BrandColor("#FF5A1F", ColorRole.ACCENT,
        BrandColor.Source.WEBSITE)).addColor(new BrandColor("#1b3a6b", ColorRole.PRIMARY, BrandColor.Source.LOGO))
        .logo(MediaRef.url(java.net.URI.create("https://acme.example/logo.png"))).confidence(0.5)
        .sources(List.of("website")).build();
    assertThat(p.palette()).extracting(BrandColor::role).containsExactly(ColorRole.PRIMARY, ColorRole.ACCENT);
    assertThat(p.hexes()).containsExactly("#1b3a6b", "#ff5a1f");
    String json = Json.mapper().writeValueAsString(p);
    assertThat(Json.mapper().readValue(json, BrandProfile.class)).isEqualTo(p);
    assertThatThrownBy(() -> p.toBuilder().addColor(new BrandColor("#000000", ColorRole.PRIMARY,
        BrandColor.Source.DERIVED))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("primary");
  }
}
