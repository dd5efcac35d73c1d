package dev.vcg.provider.runway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.internal.Json;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoRequest;
import dev.vcg.testkit.Canary;
import dev.vcg.testkit.CapturedLogs;
import dev.vcg.testkit.TestImages;
import dev.vcg.testkit.WorkflowCanary;
import dev.vcg.workflow.Key;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.Step;
import dev.vcg.workflow.Workflow;
import dev.vcg.workflow.WorkflowEvent;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.VideoResult;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A canary key {@code sk-CANARY-<random>} runs through success and failure paths with request and
 * response logging on; it must not show in logs (TRACE), exceptions, or anything returned.
 */
class RunwayCanaryTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final RunwayStubs runway = new RunwayStubs(wm);
  private final Canary canary = Canary.create();
  private final List<Object> seen = new ArrayList<>();

  /** A config with a request timeout generous enough for a busy machine. */
  private ProviderConfig config(String model) {
    return config(model, Duration.ofSeconds(30));
  }

  private ProviderConfig config(String model, Duration requestTimeout) {
    return ProviderConfig.builder("runway").apiKey(canary.key()).baseUrl(URI.create(wm.baseUrl())).model(model)
        .requestTimeout(requestTimeout).option("http.log", "true").build();
  }

  private void attempt(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      seen.add(e);
    }
  }

  @Test
  void canaryKeyNeverShows() throws Exception {
    assertThat(CapturedLogs.active()).isTrue();
    CapturedLogs.clear();
    RunwayVideoProvider gen4 = RunwayVideoProvider.builder().config(config("gen4_turbo")).clock(runway.clock)
        .sleeper(runway.sleeper).build();
    RunwayImageProvider image = RunwayImageProvider.builder().config(config("gen4_image")).clock(runway.clock)
        .sleeper(runway.sleeper).build();
    seen.add(gen4);
    seen.add(image);
    seen.add(config("gen4_turbo"));
    seen.add(new RunwayProviderFactory());

    runway.videoRoundTrip();
    VideoRequest clip = VideoRequest.builder().prompt("x").startFrame(MediaRef.bytes(TestImages.png1x1(), "image/png"))
        .build();
    VideoJob job = gen4.submit(clip);
    seen.add(job);
    seen.add(Json.mapper().writeValueAsString(job));
    for (int i = 0; i < 3; i++) {
      JobStatus s = gen4.poll(job);
      seen.add(s);
      seen.add(Json.mapper().writeValueAsString(s));
    }
    gen4.cancel(job);
    wm.stubFor(post(urlEqualTo("/v1/text_to_image")).willReturn(okJson("{\"id\":\"" + RunwayStubs.TASK_ID + "\"}")));
    runway.sequence(RunwayStubs.TASK, RunwayStubs.json(200, "text-to-image-task-succeeded.json"));
    seen.add(image.generate(ImageRequest.builder().prompt("x").size(new ImageSize(1024, 1024)).build()));
    wm.verify(postRequestedFor(urlEqualTo("/v1/image_to_video"))
        .withHeader("Authorization", equalTo("Bearer " + canary.value())));

    // failure paths, including a provider that echoes the key back
    runway.createFails("/v1/image_to_video", aResponse().withStatus(401).withHeader("x-request-id", canary.value())
        .withBody("{\"error\":\"Invalid API key " + canary.value() + "\"}"));
    attempt(() -> gen4.submit(clip));
    runway.createFails("/v1/image_to_video", aResponse().withStatus(400).withBody("{\"error\":\"Validation of body"
        + " failed\",\"issues\":[{\"path\":[\"promptImage\"],\"message\":\"bad " + canary.value() + "\"}]}"));
    attempt(() -> gen4.submit(clip));
    runway.createFails("/v1/image_to_video", RunwayStubs.json(502, "error-502-overloaded.json"));
    attempt(() -> gen4.submit(clip));
    runway.createFails("/v1/image_to_video", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    attempt(() -> gen4.submit(clip));
    runway.createFails("/v1/image_to_video", RunwayStubs.json(200, "create-task-response.json").withFixedDelay(2000));
    RunwayVideoProvider hasty = RunwayVideoProvider.builder().config(config("gen4_turbo", Duration.ofMillis(700)))
        .clock(runway.clock).sleeper(runway.sleeper).build();
    attempt(() -> hasty.submit(clip));
    runway.sequence(RunwayStubs.TASK, okJson("{\"id\":\"" + RunwayStubs.TASK_ID + "\",\"status\":\"FAILED\","
        + "\"failure\":\"key " + canary.value() + "\",\"failureCode\":\"SAFETY." + canary.value() + "\"}"));
    JobStatus failed = gen4.poll(job);
    assertThat(failed.failure()).contains("[redacted]");
    seen.add(failed);
    attempt(() -> image.generate(ImageRequest.builder().prompt("x").size(new ImageSize(1024, 1024)).build()));
    runway.sequence(RunwayStubs.TASK, aResponse().withStatus(503).withBody("down " + canary.value()));
    attempt(() -> gen4.poll(job));

    assertThat(seen).hasSizeGreaterThan(15);
    for (Object o : seen) {
      canary.assertAbsent(o);
    }
    String logs = CapturedLogs.text();
    assertThat(logs).contains("[runway]").contains("[redacted]");
    canary.assertAbsent(logs);
  }

  @Test
  void canaryKeyNeverShowsInWorkflowEventsOrCheckpoints(@TempDir Path dir) {
    RunwayVideoProvider gen4 = RunwayVideoProvider.builder().config(config("gen4_turbo")).clock(runway.clock)
        .sleeper(runway.sleeper).build();
    RunwayImageProvider image = RunwayImageProvider.builder().config(config("gen4_image")).clock(runway.clock)
        .sleeper(runway.sleeper).build();
    Key<ImageResult> still = Key.of("still", ImageResult.class);
    Key<VideoResult> clip = Key.of("clip", VideoResult.class);
    ImageRequest draw = ImageRequest.builder().prompt("x").size(new ImageSize(1024, 1024)).build();
    VideoRequest request = VideoRequest.builder().prompt("x")
        .startFrame(MediaRef.bytes(TestImages.png1x1(), "image/png")).build();

    try (WorkflowCanary runs = new WorkflowCanary(dir)) {
      runway.videoRoundTrip();
      wm.stubFor(post(urlEqualTo("/v1/text_to_image")).willReturn(okJson("{\"id\":\"" + RunwayStubs.TASK_ID + "\"}")));
      assertThat(runs.run(Workflow.builder("runway-clip").step(Step.video(clip, gen4, ctx -> request)).build())
          .status()).isEqualTo(RunStatus.COMPLETED);
      wm.resetAll();
      runway.sequence(RunwayStubs.TASK, RunwayStubs.json(200, "text-to-image-task-succeeded.json"));
      wm.stubFor(post(urlEqualTo("/v1/text_to_image")).willReturn(okJson("{\"id\":\"" + RunwayStubs.TASK_ID + "\"}")));
      assertThat(runs.run(Workflow.builder("runway-still").step(Step.of(still, ctx -> image.generate(draw))).build())
          .status()).isEqualTo(RunStatus.COMPLETED);

      wm.resetAll();
      runway.createFails("/v1/image_to_video", aResponse().withStatus(401)
          .withBody("{\"error\":\"Invalid API key " + canary.value() + "\"}"));
      assertThat(runs.run(Workflow.builder("runway-refused").step(Step.video(clip, gen4, ctx -> request)).build())
          .status()).isEqualTo(RunStatus.FAILED);
      wm.resetAll();
      runway.videoRoundTrip(okJson("{\"id\":\"" + RunwayStubs.TASK_ID + "\",\"status\":\"FAILED\","
          + "\"failure\":\"key " + canary.value() + "\",\"failureCode\":\"SAFETY." + canary.value() + "\"}"));
      assertThat(runs.run(Workflow.builder("runway-task-failed").step(Step.video(clip, gen4, ctx -> request)).build())
          .status()).isEqualTo(RunStatus.FAILED);

      assertThat(runs.events()).filteredOn(e -> e instanceof WorkflowEvent.RunFailed).hasSize(2)
          .allSatisfy(e -> assertThat(((WorkflowEvent.RunFailed) e).message()).contains("runway"));
      assertThat(runs.events()).anySatisfy(e -> assertThat(e).isInstanceOf(WorkflowEvent.JobSubmitted.class));
      runs.assertAbsent(canary);
    }
  }
}
