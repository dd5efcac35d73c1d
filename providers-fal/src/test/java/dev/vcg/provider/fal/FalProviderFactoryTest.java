package dev.vcg.provider.fal;

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
import dev.vcg.provider.ModelInfo;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderFactory;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.ProviderNotConfiguredException;
import dev.vcg.provider.ProviderRegistry;
import dev.vcg.provider.UnsupportedCapabilityException;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The factory: discovery, declared models and prices, configuration from the environment. */
class FalProviderFactoryTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FalProviderFactory factory = new FalProviderFactory();

  @Test
  void isDiscoveredByServiceLoaderAndTheRegistry() {
    assertThat(ServiceLoader.load(ProviderFactory.class)).anyMatch(f -> f instanceof FalProviderFactory);
    ProviderRegistry registry = ProviderRegistry.discover(getClass().getClassLoader());
    assertThat(registry.factory(ProviderKind.IMAGE, "fal")).isInstanceOf(FalProviderFactory.class);
    assertThat(registry.factory(ProviderKind.VIDEO, "fal")).isInstanceOf(FalProviderFactory.class);
  }

  @Test
  void declaresIdKindsKeyVariableAndDefaults() {
    assertThat(factory.id()).isEqualTo("fal");
    assertThat(factory.kinds()).containsExactlyInAnyOrder(ProviderKind.IMAGE, ProviderKind.VIDEO);
    assertThat(factory.apiKeyVariable()).contains("FAL_KEY");
    assertThat(factory.defaultModel(ProviderKind.IMAGE)).isEqualTo("fal-ai/flux/dev");
    assertThat(factory.defaultModel(ProviderKind.VIDEO)).isEqualTo("fal-ai/kling-video/v2.1/pro/image-to-video");
    assertThatThrownBy(() -> factory.defaultModel(ProviderKind.LLM)).isInstanceOf(UnsupportedCapabilityException.class);
    assertThatThrownBy(() -> factory.createLlm(ProviderConfig.of("fal")))
        .isInstanceOf(UnsupportedCapabilityException.class);
  }

  @Test
  void catalogueListsWellKnownModelsWithTheirLimits() {
    List<ModelInfo> models = factory.models();
    Set<String> ids = new HashSet<>();
    models.forEach(m -> assertThat(ids.add(m.id())).as("unique id %s", m.id()).isTrue());
    assertThat(ids).contains("fal-ai/flux/dev", "fal-ai/flux-pro/v1.1", "fal-ai/flux-pro/v1.1-ultra",
        "fal-ai/fast-sdxl", "fal-ai/kling-video/v1.6/pro/image-to-video",
        "fal-ai/kling-video/v2.1/pro/image-to-video", "fal-ai/kling-video/v2.1/standard/image-to-video",
        "fal-ai/kling-video/v2.5-turbo/pro/image-to-video", "fal-ai/kling-video/v2.6/pro/image-to-video",
        "fal-ai/kling-video/v3/pro/image-to-video");
    for (ModelInfo m : models) {
      if (m.kind() == ProviderKind.IMAGE) {
        assertThat(m.imageCapabilities()).isPresent();
        assertThat(m.price().perImage().isZero()).isFalse();
      } else {
        assertThat(m.kind()).isEqualTo(ProviderKind.VIDEO);
        assertThat(m.videoCapabilities()).isPresent();
        assertThat(m.price().perVideoSecond().isZero()).isFalse();
      }
    }
    ModelInfo standard = factory.model(ProviderKind.VIDEO, "fal-ai/kling-video/v2.1/standard/image-to-video")
        .orElseThrow();
    assertThat(standard.videoCapabilities().orElseThrow().supportsEndFrame()).isFalse();
    ModelInfo v3 = factory.model(ProviderKind.VIDEO, "fal-ai/kling-video/v3/pro/image-to-video").orElseThrow();
    assertThat(v3.videoCapabilities().orElseThrow().durationsSeconds()).contains(3, 15);
    ModelInfo ultra = factory.model(ProviderKind.IMAGE, "fal-ai/flux-pro/v1.1-ultra").orElseThrow();
    assertThat(ultra.imageCapabilities().orElseThrow().maxReferenceImages()).isEqualTo(1);
  }

  @Test
  void priceBookHoldsListPricesAndADefaultForOtherModels() {
    PriceBook book = factory.priceBook();

    assertThat(book.priceOf("fal", "fal-ai/flux/dev").perImage()).isEqualTo(Money.usd("0.025"));
    assertThat(book.priceOf("fal", "fal-ai/kling-video/v2.1/pro/image-to-video").forVideo(5))
        .isEqualTo(Money.usd("0.49"));
    assertThat(book.priceOf("fal", "fal-ai/kling-video/v2.6/pro/image-to-video").perVideoSecond())
        .isEqualTo(Money.usd("0.07"));
    assertThat(book.priceOf("fal", "someone/new-model").perVideoSecond()).isEqualTo(Money.usd("0.10"));
    assertThat(book.priceOf("fal", "someone/new-model").perImage()).isEqualTo(Money.usd("0.04"));
  }

  @Test
  void withoutAKeyCreationFailsNamingTheVariable() {
    assertThat(factory.isConfigured(ProviderConfig.of("fal"))).isFalse();
    assertThatThrownBy(() -> factory.createVideo(ProviderConfig.of("fal")))
        .isInstanceOf(ProviderNotConfiguredException.class).hasMessageContaining("FAL_KEY");
    assertThatThrownBy(() -> factory.createImage(ProviderConfig.of("fal")))
        .isInstanceOf(ProviderNotConfiguredException.class).hasMessageContaining("FAL_KEY");
    assertThatThrownBy(() -> factory.createImage(ProviderConfig.of("runway")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keyBaseUrlAndModelComeFromTheEnvironmentThroughTheRegistry() {
    FalStubs fal = new FalStubs(wm);
    String model = "fal-ai/kling-video/v2.5-turbo/pro/image-to-video";
    fal.submit(model, fal.json(200, "queue-submit-response-kling.json"));
    Map<String, String> env = Map.of("FAL_KEY", "env-key-123", "VCG_FAL_BASE_URL", wm.baseUrl(),
        "VCG_FAL_MODEL", model);
    ProviderRegistry registry = ProviderRegistry.of(List.of(factory)).withEnvironment(env::get, p -> null);

    assertThat(registry.select(ProviderKind.VIDEO, null)).isSameAs(factory);
    VideoProvider video = registry.video(null);
    assertThat(video.model()).isEqualTo(model);
    video.submit(VideoRequest.builder().prompt("x").startFrame(MediaRef.url(URI.create("https://example.com/a.jpg")))
        .build());

    wm.verify(postRequestedFor(urlEqualTo("/" + model)).withHeader("Authorization", equalTo("Key env-key-123")));
  }

  @Test
  void constructionDoesNoIo() {
    new FalProviderFactory().models();
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
