package dev.vcg.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcg.examples.server.TestServer.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/providers}: discovered providers with their models and capabilities, which are
 * configured (one key set, served nowhere: the server only reads it) and which are used.
 */
class ProviderEndpointsTest {
  private static final String FAL_KEY = "fal-canary-key-0123456789abcdef";

  @TempDir
  static Path dir;
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.start(dir, Map.of("FAL_KEY", FAL_KEY), g -> { }, b -> { });
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void listsEveryProviderConfiguredOrNotWithModelsAndNeverAKey() {
    Response r = s.get("/api/providers");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).doesNotContain(FAL_KEY).doesNotContain(Secrets.MASK);
    JsonNode providers = r.json().path("providers");
    List<String> ids = new ArrayList<>();
    providers.forEach(p -> ids.add(p.path("id").asText()));
    assertThat(ids).contains("openrouter", "openai", "fal", "runway", "local");

    JsonNode fal = find(providers, "fal");
    assertThat(fal.path("configured").asBoolean()).isTrue();
    assertThat(fal.path("offline").asBoolean()).isFalse();
    assertThat(fal.path("keyVariable").asText()).isEqualTo("FAL_KEY");
    assertThat(fal.path("kinds").toString()).contains("video");
    assertThat(fal.path("usedFor").toString()).contains("video");
    JsonNode openrouter = find(providers, "openrouter");
    assertThat(openrouter.path("configured").asBoolean()).isFalse();
    assertThat(openrouter.path("usedFor").size()).isZero();
    JsonNode model = openrouter.path("models").get(0);
    assertThat(model.path("kind").asText()).isEqualTo("llm");
    assertThat(model.path("capabilities").has("jsonObject")).isTrue();
    assertThat(model.path("price").path("perMillionInputTokens").isNumber()).isTrue();
    List<JsonNode> locals = new ArrayList<>();
    providers.forEach(p -> {
      if (p.path("id").asText().equals("local")) {
        locals.add(p);
      }
    });
    assertThat(locals).allSatisfy(l -> assertThat(l.path("offline").asBoolean()).isTrue());
    JsonNode used = r.json().path("used");
    assertThat(used.findValuesAsText("kind")).contains("llm", "image", "video");
    List<String> videoProviders = new ArrayList<>();
    used.forEach(u -> {
      if (u.path("kind").asText().equals("video")) {
        videoProviders.add(u.path("provider").asText());
      }
    });
    assertThat(videoProviders).containsExactly("fal");
  }

  @Test
  void listsTheModelsOfOneKindWithTheirCapabilities() {
    JsonNode video = s.get("/api/providers/video/models").json();
    assertThat(video.path("type").asText()).isEqualTo("video");
    assertThat(video.path("models").size()).isPositive();
    video.path("models").forEach(m -> {
      assertThat(m.path("kind").asText()).isEqualTo("video");
      assertThat(m.path("provider").asText()).isNotBlank();
      assertThat(m.path("capabilities").has("endFrame")).isTrue();
      assertThat(m.path("capabilities").path("durationsSeconds").isArray()).isTrue();
    });
    assertThat(video.path("models").findValuesAsText("provider")).contains("fal", "runway", "local");

    JsonNode image = s.get("/api/providers/IMAGE/models").json();
    assertThat(image.path("models").size()).isPositive();
    image.path("models").forEach(m -> assertThat(m.path("capabilities").has("maxWidth")).isTrue());
    JsonNode llm = s.get("/api/providers/llm/models").json();
    assertThat(llm.path("models").findValuesAsText("provider")).contains("openrouter", "openai")
        .doesNotContain("fal");

    Response audio = s.get("/api/providers/audio/models");
    assertThat(audio.status()).isEqualTo(404);
    assertThat(audio.json().path("error").path("message").asText()).contains("llm, image or video");
    assertThat(s.post("/api/providers").status()).isEqualTo(405);
  }

  private static JsonNode find(JsonNode providers, String id) {
    for (JsonNode p : providers) {
      if (p.path("id").asText().equals(id)) {
        return p;
      }
    }
    throw new AssertionError("no provider " + id + " in " + providers);
  }
}
