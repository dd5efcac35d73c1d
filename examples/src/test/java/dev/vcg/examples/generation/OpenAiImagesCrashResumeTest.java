package dev.vcg.examples.generation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static dev.vcg.examples.generation.CrashHarness.assertPlayableAndProbed;
import static dev.vcg.examples.generation.CrashHarness.awaitAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vcg.internal.Json;
import dev.vcg.local.LocalImageProvider;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.openai.OpenAiImageProvider;
import dev.vcg.stitch.jcodec.local.LocalVideoProvider;
import dev.vcg.workflow.WorkflowRun;
import dev.vcg.workflows.generation.GenerationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A directed run (frames from {@code POST /images/generations}) and a continuous flow (later frames
 * from {@code POST /images/edits} with the frame before as reference) whose frames are drawn by the
 * real OpenAI image provider (the Images API served by WireMock on loopback, base64 answers) and
 * whose clips are rendered by the offline {@code local} video provider are killed while one frame's
 * answer is held back, after other frames were drawn and saved; a new engine with new providers
 * resumes them from the same run store. No saved frame is requested again (only the one whose
 * answer died with the process), and the result is a playable MP4.
 */
class OpenAiImagesCrashResumeTest {
  private static final String GENERATIONS = "/v1/images/generations";
  private static final String EDITS = "/v1/images/edits";
  private static final ImageSize FRAME = new ImageSize(256, 144);
  /**
   * The frames of the plan: the first shot's start and end, and the second shot's end (the shots
   * are joined by a cut, so the second starts where the first ends).
   */
  private static final List<String> FRAMES = List.of("shot 1: a lighthouse on a cliff, wide",
      "shot 1: the lighthouse, close", "shot 2: the lighthouse, close");
  /** The frame both clips need, held back: the run is killed before any clip is submitted. */
  private static final String HELD = FRAMES.get(1);

  @RegisterExtension
  final CrashHarness h = new CrashHarness();
  final WireMockServer wm = h.wm;

  @BeforeEach
  void startOpenAi() {
    for (String frame : FRAMES) {
      answers(GENERATIONS, prompt(frame), png(frame));
    }
  }

  @Test
  void aRunKilledWhileAFrameIsDrawnDrawsOnlyThatFrameAgain() throws Exception {
    CountDownLatch held = h.holdFirst(prompt(HELD));
    CrashHarness.Process<OpenAiImageProvider> first = process();
    CountDownLatch othersSaved = first.store.whenSaved(doc -> completedFrames(doc) == FRAMES.size() - 1);
    WorkflowRun run = first.start(1, FRAME);
    awaitAll("the held frame was requested", held);
    awaitAll("the other frames were drawn and saved", othersSaved);
    first.kill();
    h.release();

    GenerationResult result = process().resume(run.id());

    for (String frame : FRAMES) {
      // the held frame's first answer was lost with the process: only it is drawn again
      wm.verify(frame.equals(HELD) ? 2 : 1, postRequestedFor(urlEqualTo(GENERATIONS))
          .withRequestBody(containing(prompt(frame))));
    }
    assertThat(h.count(postRequestedFor(urlMatching("/v1/images/.*"))))
        .as("requests to the Images API: each frame once, the lost one twice").isEqualTo(FRAMES.size() + 1);
    assertThat(result.segments()).hasSize(2);
    assertThat(result.costEntries()).filteredOn(c -> c.kind() == ProviderKind.IMAGE)
        .as("each frame paid once in the resumed run's ledger").hasSize(FRAMES.size());
    assertPlayableAndProbed(result);
  }

  @Test
  void aContinuousFlowKilledWhileAnEditIsDrawnSendsOnlyThatEditAgainWithTheSavedReference() throws Exception {
    // frame 0 is generated; each later frame is an edit of the one before, one segment on
    byte[] opening = png("opening");
    byte[] oneIn = png("1 second in");
    answers(GENERATIONS, ", opening frame", opening);
    answers(EDITS, ", 1 seconds in", oneIn);
    answers(EDITS, ", 2 seconds in", png("2 seconds in"));
    CountDownLatch held = h.holdFirst(", 1 seconds in");
    CrashHarness.Process<OpenAiImageProvider> first = process();
    CountDownLatch openingSaved = first.store.whenSaved(doc -> completedFrames(doc) == 1);
    WorkflowRun run = first.startFlow(1, FRAME);
    awaitAll("the second frame was requested", held);
    awaitAll("the opening frame was drawn and saved", openingSaved);
    first.kill();
    h.release();

    GenerationResult result = process().resumeFlow(run.id());

    wm.verify(1, postRequestedFor(urlEqualTo(GENERATIONS)));
    // the lost edit is sent again, with the frame saved before the kill as its reference
    wm.verify(2, postRequestedFor(urlEqualTo(EDITS)).withRequestBody(containing(", 1 seconds in"))
        .withRequestBody(containing("data:image/png;base64," + Base64.getEncoder().encodeToString(opening))));
    wm.verify(1, postRequestedFor(urlEqualTo(EDITS)).withRequestBody(containing(", 2 seconds in"))
        .withRequestBody(containing("data:image/png;base64," + Base64.getEncoder().encodeToString(oneIn))));
    assertThat(h.count(postRequestedFor(urlMatching("/v1/images/.*"))))
        .as("requests to the Images API: each frame once, the lost one twice").isEqualTo(4);
    assertThat(result.segments()).hasSize(2);
    assertPlayableAndProbed(result);
  }

  // ------------------------------------------------------------------ helpers

  /** A process whose frames OpenAI draws and whose clips are rendered offline on its own pool. */
  private CrashHarness.Process<OpenAiImageProvider> process() {
    OpenAiImageProvider openai = OpenAiImageProvider.builder().config(ProviderConfig.builder("openai")
        .apiKey(ApiKey.of("sk-test-0000")).baseUrl(URI.create(wm.baseUrl() + "/v1")).model("gpt-image-2")
        .requestTimeout(Duration.ofSeconds(30)).build()).build();
    return h.process(openai, pool -> LocalVideoProvider.create(h.dir().resolve("local-video"), 160, pool), h.assets(),
        CrashHarness.polls(Duration.ofMillis(100)));
  }

  /** A real PNG of the frame size, different for each prompt. */
  private static byte[] png(String prompt) {
    MediaRef image = LocalImageProvider.create().generate(ImageRequest.builder().prompt(prompt).size(FRAME).build())
        .first().image();
    return ((MediaRef.Bytes) image).data();
  }

  /** OpenAI answers requests to {@code path} whose body contains {@code text} with the image, base64. */
  private void answers(String path, String text, byte[] png) {
    wm.stubFor(post(urlEqualTo(path)).withHeader("Authorization", equalTo("Bearer sk-test-0000"))
        .withRequestBody(containing(text)).willReturn(okJson("{\"created\":1755850200,\"data\":[{\"b64_json\":\""
            + Base64.getEncoder().encodeToString(png) + "\"}],\"output_format\":\"png\",\"quality\":\"medium\","
            + "\"size\":\"256x144\",\"usage\":{\"input_tokens\":20,\"input_tokens_details\":{\"image_tokens\":0,"
            + "\"text_tokens\":20},\"output_tokens\":272,\"total_tokens\":292}}")));
  }

  private static String prompt(String frame) {
    return "\"prompt\":\"" + frame + "\"";
  }

  /** @return how many frame steps the checkpoint document records as completed */
  private static int completedFrames(String document) {
    int n = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = steps(document).fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().matches("(.*/)?frame-[0-9]+") && "COMPLETED".equals(e.getValue().path("state").asText())) {
        n++;
      }
    }
    return n;
  }

  private static JsonNode steps(String document) {
    try {
      return Json.mapper().readTree(document).path("steps");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
