package dev.vcg.provider.runway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.testkit.MutableClock;
import dev.vcg.testkit.RecordingSleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

/** Serves Runway's documented fixtures from WireMock. */
final class RunwayStubs {
  static final String TASK_ID = "17f20503-6c24-4c16-946b-35dbbce2af2f";
  static final String IMAGE_TASK_ID = "5b1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  static final String TASK = "/v1/tasks/" + TASK_ID;

  final WireMockExtension wm;
  final MutableClock clock = MutableClock.create();
  final RecordingSleeper sleeper = new RecordingSleeper(clock);
  final ApiKey key = ApiKey.of("key_" + UUID.randomUUID().toString().replace("-", ""));

  RunwayStubs(WireMockExtension wm) {
    this.wm = wm;
  }

  ProviderConfig.Builder config(String model) {
    ProviderConfig.Builder b = ProviderConfig.builder("runway").apiKey(key).baseUrl(URI.create(wm.baseUrl()))
        .requestTimeout(Duration.ofSeconds(30));
    if (model != null) {
      b.model(model);
    }
    return b;
  }

  RunwayVideoProvider video(ProviderConfig config) {
    return RunwayVideoProvider.builder().config(config).clock(clock).sleeper(sleeper).build();
  }

  RunwayImageProvider image(ProviderConfig config) {
    return RunwayImageProvider.builder().config(config).clock(clock).sleeper(sleeper).build();
  }

  static String raw(String name) {
    try (InputStream in = RunwayStubs.class.getResourceAsStream("/fixtures/runway/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ResponseDefinitionBuilder json(int status, String fixture) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(raw(fixture));
  }

  void createsTask(String path) {
    wm.stubFor(post(urlEqualTo(path)).willReturn(json(200, "create-task-response.json")));
  }

  void createFails(String path, ResponseDefinitionBuilder response) {
    wm.stubFor(post(urlEqualTo(path)).willReturn(response));
  }

  /** Stubs {@code GET path} to answer with the responses in turn; the last repeats. */
  void sequence(String path, ResponseDefinitionBuilder... responses) {
    sequence(p -> get(urlEqualTo(p)), path, responses);
  }

  void sequence(Function<String, MappingBuilder> method, String path, ResponseDefinitionBuilder... responses) {
    String scenario = path + UUID.randomUUID();
    for (int i = 0; i < responses.length; i++) {
      ScenarioMappingBuilder m = method.apply(path).inScenario(scenario)
          .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "s" + i).willReturn(responses[i]);
      if (i < responses.length - 1) {
        m = m.willSetStateTo("s" + (i + 1));
      }
      wm.stubFor(m);
    }
  }

  /** A video task that is created, then pending, running and succeeded, and can be deleted. */
  void videoRoundTrip(ResponseDefinitionBuilder... statuses) {
    createsTask("/v1/image_to_video");
    sequence(TASK, statuses.length > 0 ? statuses : new ResponseDefinitionBuilder[] {json(200, "task-pending.json"),
        json(200, "task-running.json"), json(200, "task-succeeded.json")});
    wm.stubFor(delete(urlEqualTo(TASK)).willReturn(aResponse().withStatus(204)));
  }
}
