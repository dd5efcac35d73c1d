package dev.vcg.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.cost.Price;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {

  /** A minimal third-party style factory, configurable per test. */
  static class TestFactory implements ProviderFactory {
    final String id;
    final String variable;
    final boolean builtIn;
    final int priority;
    final Set<ProviderKind> kinds;

    TestFactory(String id, String variable, boolean builtIn, int priority, ProviderKind... kinds) {
      this.id = id;
      this.variable = variable;
      this.builtIn = builtIn;
      this.priority = priority;
      this.kinds = Set.of(kinds);
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Set<ProviderKind> kinds() {
      return kinds;
    }

    @Override
    public Optional<String> apiKeyVariable() {
      return Optional.ofNullable(variable);
    }

    @Override
    public List<ModelInfo> models() {
      return List.of(ModelInfo.image(id + "-model", "test", ImageCapabilities.builder().build(), Price.perImage("0.01")));
    }

    @Override
    public boolean builtIn() {
      return builtIn;
    }

    @Override
    public int priority() {
      return priority;
    }
  }

  static final class OtherFal extends TestFactory {
    OtherFal() {
      super("fal", "FAL_KEY", false, 0, ProviderKind.IMAGE);
    }
  }

  private static ProviderRegistry registry(Map<String, String> env, ProviderFactory... factories) {
    return ProviderRegistry.of(List.of(factories)).withEnvironment(env::get, k -> null);
  }

  private final TestFactory local = new TestFactory("local", null, true, 0, ProviderKind.IMAGE);
  private final TestFactory fal = new TestFactory("fal", "FAL_KEY", false, 10, ProviderKind.IMAGE, ProviderKind.VIDEO);
  private final TestFactory openai = new TestFactory("openai", "OPENAI_API_KEY", false, 5, ProviderKind.IMAGE, ProviderKind.LLM);

  @Test
  void builtInIsChosenWhenNothingElseIsConfigured() {
    assertThat(registry(Map.of(), local, fal, openai).select(ProviderKind.IMAGE, null).id()).isEqualTo("local");
  }

  @Test
  void anyConfiguredProviderBeatsTheBuiltIn() {
    assertThat(registry(Map.of("OPENAI_API_KEY", "sk-1"), local, fal, openai).select(ProviderKind.IMAGE, null).id())
        .isEqualTo("openai");
  }

  @Test
  void amongConfiguredProvidersTheHighestPriorityWins() {
    Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-1", "FAL_KEY", "k-2");
    assertThat(registry(env, openai, local, fal).select(ProviderKind.IMAGE, null).id()).isEqualTo("fal");
  }

  @Test
  void anExplicitIdWinsEvenWithoutBeingTheDefault() {
    Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-1", "FAL_KEY", "k-2");
    assertThat(registry(env, openai, local, fal).select(ProviderKind.IMAGE, "openai").id()).isEqualTo("openai");
    assertThat(registry(env, openai, local, fal).select(ProviderKind.IMAGE, "local").id()).isEqualTo("local");
  }

  @Test
  void explicitConfigCountsAsConfigured() {
    ProviderRegistry r = registry(Map.of(), local, fal).withConfig(ProviderConfig.builder("fal").apiKey(ApiKey.of("k")).build());
    assertThat(r.select(ProviderKind.IMAGE, null).id()).isEqualTo("fal");
    assertThat(r.config("fal").apiKey()).isPresent();
  }

  @Test
  void twoFactoriesWithOneIdFailAndAreListed() {
    ProviderRegistry r = registry(Map.of("FAL_KEY", "k"), fal, new OtherFal());
    assertThatThrownBy(() -> r.select(ProviderKind.IMAGE, null))
        .isInstanceOf(ProviderNotConfiguredException.class)
        .hasMessageContaining(TestFactory.class.getName())
        .hasMessageContaining(OtherFal.class.getName());
    assertThatThrownBy(() -> r.select(ProviderKind.IMAGE, "fal")).isInstanceOf(ProviderNotConfiguredException.class);
  }

  @Test
  void sameIdForDifferentKindsIsNotADuplicate() {
    TestFactory localVideo = new TestFactory("local", null, true, 0, ProviderKind.VIDEO);
    ProviderRegistry r = registry(Map.of(), local, localVideo);
    assertThat(r.select(ProviderKind.IMAGE, null)).isSameAs(local);
    assertThat(r.select(ProviderKind.VIDEO, null)).isSameAs(localVideo);
  }

  @Test
  void anUnknownIdNamesTheArtifactToAdd() {
    assertThatThrownBy(() -> registry(Map.of(), local).select(ProviderKind.VIDEO, "runway"))
        .isInstanceOf(ProviderNotConfiguredException.class)
        .hasMessageContaining("dev.vcg:vcg-providers-runway");
  }

  @Test
  void aKnownIdOfAnotherKindSaysSo() {
    assertThatThrownBy(() -> registry(Map.of(), fal).select(ProviderKind.LLM, "fal"))
        .hasMessageContaining("does no LLM");
  }

  @Test
  void noProviderOfAKindNamesArtifacts() {
    assertThatThrownBy(() -> registry(Map.of(), local).select(ProviderKind.LLM, null))
        .isInstanceOf(ProviderNotConfiguredException.class)
        .hasMessageContaining("vcg-providers-openrouter");
  }

  @Test
  void providersPresentButUnconfiguredNameTheirVariables() {
    assertThatThrownBy(() -> registry(Map.of(), fal, openai).select(ProviderKind.IMAGE, null))
        .isInstanceOf(ProviderNotConfiguredException.class)
        .hasMessageContaining("FAL_KEY")
        .hasMessageContaining("OPENAI_API_KEY");
  }

  @Test
  void priceBookGathersEveryFactory() {
    ProviderRegistry r = registry(Map.of(), local, fal);
    assertThat(r.priceBook().find("fal", "fal-model")).map(Price::perImage).map(Object::toString).contains("$0.0100");
    assertThat(r.priceBook().find("openai", "x")).isEmpty();
  }

  @Test
  void discoveryFindsNothingUnexpectedAndIsStable() {
    ProviderRegistry a = ProviderRegistry.discover();
    ProviderRegistry b = ProviderRegistry.discover();
    assertThat(a.factories()).isEqualTo(b.factories());
    assertThat(a.factories()).allSatisfy(f -> assertThat(f.id()).isNotBlank());
  }
}
