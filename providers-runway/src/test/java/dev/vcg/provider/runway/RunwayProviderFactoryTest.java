package dev.vcg.provider.runway;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.cost.Money;
import dev.vcg.cost.PriceBook;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderFactory;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.ProviderNotConfiguredException;
import dev.vcg.provider.ProviderRegistry;
import dev.vcg.provider.UnsupportedCapabilityException;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The factory: discovery, declared models, prices in credits, configuration from the environment. */
class RunwayProviderFactoryTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final RunwayProviderFactory factory = new RunwayProviderFactory();

  @Test
  void isDiscoveredByServiceLoader() {
    assertThat(ServiceLoader.load(ProviderFactory.class)).anyMatch(f -> f instanceof RunwayProviderFactory);
    assertThat(ProviderRegistry.discover(getClass().getClassLoader()).factory(ProviderKind.VIDEO, "runway"))
        .isInstanceOf(RunwayProviderFactory.class);
  }

  @Test
  void declaresIdKindsKeyVariableAndDefaults() {
    assertThat(factory.id()).isEqualTo("runway");
    assertThat(factory.kinds()).containsExactlyInAnyOrder(ProviderKind.VIDEO, ProviderKind.IMAGE);
    assertThat(factory.apiKeyVariable()).contains("RUNWAYML_API_SECRET");
    assertThat(factory.defaultModel(ProviderKind.VIDEO)).isEqualTo("gen4_turbo");
    assertThat(factory.defaultModel(ProviderKind.IMAGE)).isEqualTo("gen4_image");
    assertThatThrownBy(() -> factory.defaultModel(ProviderKind.LLM)).isInstanceOf(UnsupportedCapabilityException.class);
    assertThat(factory.models()).extracting(m -> m.id())
        .contains("gen4_turbo", "gen4.5", "veo3.1", "veo3.1_fast", "veo3", "gen3a_turbo", "gen4_image",
            "gen4_image_turbo");
    assertThat(factory.model(ProviderKind.VIDEO, "gen3a_turbo").orElseThrow().description()).contains("legacy");
  }

  @Test
  void pricesAreCreditsTimesTheCreditPrice() {
    PriceBook book = factory.priceBook();

    assertThat(book.priceOf("runway", "gen4_turbo").perVideoSecond()).isEqualTo(Money.usd("0.05"));
    assertThat(book.priceOf("runway", "gen4.5").forVideo(10)).isEqualTo(Money.usd("1.20"));
    assertThat(book.priceOf("runway", "veo3.1").perVideoSecond()).isEqualTo(Money.usd("0.20"));
    assertThat(book.priceOf("runway", "veo3").perVideoSecond()).isEqualTo(Money.usd("0.40"));
    assertThat(book.priceOf("runway", "gen4_image").perImage()).isEqualTo(Money.usd("0.08"));
    assertThat(book.priceOf("runway", "gen9_unknown").perVideoSecond()).isEqualTo(Money.usd("0.12"));

    PriceBook discounted = new RunwayProviderFactory(new BigDecimal("0.008")).priceBook();
    assertThat(discounted.priceOf("runway", "gen4_turbo").perVideoSecond()).isEqualTo(Money.usd("0.04"));
    assertThatThrownBy(() -> new RunwayProviderFactory(BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withoutAKeyCreationFailsNamingTheVariable() {
    assertThatThrownBy(() -> factory.createVideo(ProviderConfig.of("runway")))
        .isInstanceOf(ProviderNotConfiguredException.class).hasMessageContaining("RUNWAYML_API_SECRET");
    assertThatThrownBy(() -> factory.createVideo(ProviderConfig.of("fal"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keyAndBaseUrlComeFromTheEnvironmentThroughTheRegistry() {
    RunwayStubs runway = new RunwayStubs(wm);
    runway.createsTask("/v1/image_to_video");
    Map<String, String> env = Map.of("RUNWAYML_API_SECRET", "key_env123", "VCG_RUNWAY_BASE_URL", wm.baseUrl());
    ProviderRegistry registry = ProviderRegistry.of(List.of(factory)).withEnvironment(env::get, p -> null);

    VideoProvider video = registry.video(null);
    video.submit(VideoRequest.builder().prompt("x").startFrame(MediaRef.url(URI.create("https://example.com/a.jpg")))
        .build());

    wm.verify(postRequestedFor(urlEqualTo("/v1/image_to_video")).withHeader("Authorization", equalTo("Bearer key_env123")));
  }
}
