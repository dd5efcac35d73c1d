package dev.vcg.examples.generation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vcg.cost.Money;
import dev.vcg.local.LocalImageProvider;
import dev.vcg.media.LocalAssetStore;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.openrouter.OpenRouterLlmProvider;
import dev.vcg.stitch.jcodec.JCodecFrameExtractor;
import dev.vcg.stitch.jcodec.JCodecStitcher;
import dev.vcg.stitch.jcodec.local.LocalVideoProvider;
import dev.vcg.workflow.PollPolicy;
import dev.vcg.workflow.WorkflowEngine;
import dev.vcg.workflows.generation.ContinuousFlow;
import dev.vcg.workflows.generation.FlowRequest;
import dev.vcg.workflows.generation.GenerationResult;
import dev.vcg.workflows.generation.SegmentAssets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuous flow with a real vision model provider: the OpenRouter provider, whose chat API is
 * served by WireMock on loopback, is shown frame {@code i} and describes frame {@code i + 1}; the
 * offline image provider draws that description with frame {@code i} as its reference and the same
 * seed; the offline video provider and the JCodec stitcher make a real MP4.
 */
class VisionFlowTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String CHAT = "/api/v1/chat/completions";
  private static final String DESCRIPTION = "the red kite climbs higher over the green hills as the sun sets";

  @TempDir
  Path tmp;
  WorkflowEngine engine;

  @BeforeEach
  void setUp() {
    engine = WorkflowEngine.builder().build();
    wm.stubFor(post(urlEqualTo(CHAT)).willReturn(okJson("{\"id\":\"gen-1\",\"model\":\"openai/gpt-4o-mini\","
        + "\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":"
        + "{\"role\":\"assistant\",\"content\":\"Prompt: " + DESCRIPTION + "\"}}],"
        + "\"usage\":{\"prompt_tokens\":900,\"completion_tokens\":30,\"total_tokens\":930,\"cost\":0.000261}}")));
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  @Test
  void eachFrameIsDescribedFromTheOneBeforeByTheVisionModelAndDrawnFromIt() throws Exception {
    OpenRouterLlmProvider vision = OpenRouterLlmProvider.builder().config(ProviderConfig.builder("openrouter")
        .apiKey(ApiKey.of("sk-or-v1-test-0000")).baseUrl(URI.create(wm.baseUrl() + "/api/v1"))
        .model("openai/gpt-4o-mini").requestTimeout(Duration.ofSeconds(30)).build()).build();
    Counting.Images images = new Counting.Images(LocalImageProvider.create());
    Counting.Videos videos = new Counting.Videos(LocalVideoProvider.create(tmp.resolve("render"), 160, null));
    ContinuousFlow flow = ContinuousFlow.builder().imageProvider(images).videoProvider(videos).llmProvider(vision)
        .stitcher(new JCodecStitcher()).frameExtractor(new JCodecFrameExtractor())
        .assetStore(LocalAssetStore.create(tmp.resolve("assets")))
        .pollPolicy(PollPolicy.builder().initialDelay(Duration.ofMillis(50)).maxInterval(Duration.ofMillis(250))
            .jitter(0).build())
        .build();

    GenerationResult result = flow.generate(engine, FlowRequest.builder().prompt("a red kite over green hills")
        .segments(2).segmentSeconds(1).frameSize(new ImageSize(160, 90)).seed(21L).build());

    List<SegmentAssets> segments = result.segments();
    List<LoggedRequest> chats = wm.findAll(postRequestedFor(urlEqualTo(CHAT)));
    assertThat(chats).hasSize(2);
    for (int i = 0; i < 2; i++) {
      // the vision model was shown frame i, inline, and asked about the moment one segment later
      String frame = Base64.getEncoder().encodeToString(Files.readAllBytes(path(segments.get(i).startFrame())));
      String body = chats.get(i).getBodyAsString();
      assertThat(body).contains("data:image/png;base64," + frame).contains("Describe the frame at " + (i + 1));
      assertThat(body).contains("\"model\":\"openai/gpt-4o-mini\"");
    }
    wm.verify(2, postRequestedFor(urlEqualTo(CHAT)).withHeader("Authorization", containing("Bearer ")));

    List<ImageRequest> drawn = images.requests;
    assertThat(drawn).hasSize(3);
    assertThat(drawn.get(0).referenceImages()).isEmpty();
    for (int i = 1; i < 3; i++) {
      assertThat(drawn.get(i).prompt()).contains(DESCRIPTION);
      assertThat(drawn.get(i).referenceImages()).hasSize(1);
      assertThat(Files.readAllBytes(path(drawn.get(i).referenceImages().get(0))))
          .isEqualTo(Files.readAllBytes(path(segments.get(i - 1).startFrame())));
    }
    assertThat(drawn).allSatisfy(r -> assertThat(r.seed()).contains(21L));
    assertThat(segments.get(1).startFrame()).isEqualTo(segments.get(0).endFrame());
    assertThat(segments).extracting(SegmentAssets::prompt).allSatisfy(p -> assertThat(p).isEqualTo(DESCRIPTION));

    // the provider's reported cost of each description is what the ledger holds
    assertThat(result.costEntries()).filteredOn(c -> c.kind() == ProviderKind.LLM).hasSize(2)
        .allSatisfy(c -> {
          assertThat(c.amount()).isEqualTo(Money.usd("0.000261"));
          assertThat(c.actual()).isTrue();
        });
    assertThat(videos.calls()).isEqualTo(2);
    assertThat(result.duration().toMillis() / 1000.0).isCloseTo(2.0, within(1.0 / 24 + 1e-9));
    Ffmpeg.require();
    assertThat(Ffmpeg.decodeErrors(result.video())).isEmpty();
    assertThat(Ffmpeg.durationSeconds(result.video())).isCloseTo(2.0, within(0.1));
  }

  private static Path path(MediaRef ref) {
    return ((MediaRef.File) ref).path();
  }
}
