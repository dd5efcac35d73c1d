package dev.vcg.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderConfigTest {
  private static final String CANARY = "sk-CANARY-0a9b8c7d6e5f";

  @Test
  void readsTheProvidersUsualVariable() {
    Map<String, String> env = Map.of("FAL_KEY", CANARY, "VCG_FAL_MODEL", "fal-ai/flux/dev");
    ProviderConfig c = ProviderConfig.fromEnvironment("fal", "FAL_KEY", env::get, k -> null);
    assertThat(c.apiKey()).map(ApiKey::reveal).contains(CANARY);
    assertThat(c.model()).contains("fal-ai/flux/dev");
    assertThat(c.baseUrl()).isEmpty();
  }

  @Test
  void systemPropertiesWinOverTheEnvironmentAndExplicitValuesWinOverBoth() {
    Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-env", "VCG_OPENAI_BASE_URL", "http://env.example/v1");
    Map<String, String> props = Map.of("vcg.openai.api-key", "sk-prop", "vcg.openai.model", "gpt-prop");
    ProviderConfig fromEnv = ProviderConfig.fromEnvironment("openai", "OPENAI_API_KEY", env::get, props::get);
    assertThat(fromEnv.apiKey()).map(ApiKey::reveal).contains("sk-prop");
    assertThat(fromEnv.baseUrl()).contains(URI.create("http://env.example/v1"));
    assertThat(fromEnv.model()).contains("gpt-prop");

    ProviderConfig merged = fromEnv.overriddenBy(ProviderConfig.builder("openai").model("gpt-explicit").build());
    assertThat(merged.model()).contains("gpt-explicit");
    assertThat(merged.apiKey()).map(ApiKey::reveal).contains("sk-prop");
  }

  @Test
  void blankValuesCountAsUnset() {
    Map<String, String> env = Map.of("FAL_KEY", "   ");
    assertThat(ProviderConfig.fromEnvironment("fal", "FAL_KEY", env::get, k -> null).apiKey()).isEmpty();
  }

  @Test
  void toStringNeverShowsTheKey() {
    ProviderConfig c = ProviderConfig.builder("runway").apiKey(ApiKey.of(CANARY)).option("version", "2024-11-06").build();
    assertThat(c.toString()).doesNotContain(CANARY).contains("runway").contains("version");
  }

  @Test
  void requireApiKeyNamesTheVariableToSet() {
    assertThatThrownBy(() -> ProviderConfig.of("runway").requireApiKey("RUNWAYML_API_SECRET"))
        .isInstanceOf(ProviderNotConfiguredException.class)
        .hasMessageContaining("RUNWAYML_API_SECRET")
        .hasMessageContaining("vcg.runway.api-key");
  }

  @Test
  void builderChecksArguments() {
    assertThatThrownBy(() -> ProviderConfig.builder(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProviderConfig.builder("x").baseUrl(URI.create("ftp://h/")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> ProviderConfig.builder("x").maxRetries(11)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProviderConfig.of("a").overriddenBy(ProviderConfig.of("b")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builtConfigIsNotAffectedByLaterBuilderChanges() {
    ProviderConfig.Builder b = ProviderConfig.builder("fal").option("a", "1");
    ProviderConfig c = b.build();
    b.option("b", "2");
    assertThat(c.options()).containsOnlyKeys("a");
    assertThatThrownBy(() -> c.options().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }
}
