package dev.vcg.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.media.MediaRef;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {
  private static final MediaRef FRAME = MediaRef.bytes(new byte[] {1, 2, 3}, "image/png");

  private final VideoCapabilities kling = VideoCapabilities.builder()
      .endFrame(false).durations(5, 10).aspectRatios(AspectRatio.LANDSCAPE_16_9, AspectRatio.PORTRAIT_9_16).build();

  /** A provider that counts the paid calls that reach it. */
  private class CountingVideoProvider implements VideoProvider {
    final AtomicInteger submits = new AtomicInteger();

    @Override
    public String id() {
      return "test";
    }

    @Override
    public String model() {
      return "m1";
    }

    @Override
    public VideoCapabilities capabilities() {
      return kling;
    }

    @Override
    public VideoJob doSubmit(VideoRequest request) {
      submits.incrementAndGet();
      return VideoJob.of(id(), "job-" + submits.get(), model());
    }

    @Override
    public JobStatus poll(VideoJob job) {
      return JobStatus.running("RUNNING", 0.5);
    }

    @Override
    public void cancel(VideoJob job) {
    }
  }

  private VideoRequest.Builder request() {
    return VideoRequest.builder().startFrame(FRAME).prompt("slow push in").durationSeconds(5);
  }

  @Test
  void unsupportedVideoRequestsFailBeforeAnyCall() {
    CountingVideoProvider p = new CountingVideoProvider();
    assertThatThrownBy(() -> p.submit(request().endFrame(FRAME).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("end frame");
    assertThatThrownBy(() -> p.submit(request().durationSeconds(7).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("[5, 10]");
    assertThatThrownBy(() -> p.submit(request().aspectRatio(AspectRatio.SQUARE).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("1:1");
    assertThatThrownBy(() -> p.submit(request().prompt("x".repeat(3000)).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("3000");
    assertThat(p.submits).hasValue(0);

    assertThat(p.submit(request().aspectRatio(AspectRatio.of("32:18")).build()).id()).isEqualTo("job-1");
    assertThat(p.submits).hasValue(1);
  }

  @Test
  void aRequestNamingAnotherModelIsCheckedAgainstThatModel() {
    VideoCapabilities withEndFrame = VideoCapabilities.builder().endFrame(true).durations(5).aspectFollowsImage(true).build();
    CountingVideoProvider p = new CountingVideoProvider() {
      @Override
      public VideoCapabilities capabilities(String model) {
        return model.equals("m2") ? withEndFrame : capabilities();
      }
    };
    assertThat(p.submit(request().endFrame(FRAME).model("m2").build()).id()).isEqualTo("job-1");
    assertThatThrownBy(() -> p.submit(request().endFrame(FRAME).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("m1");
  }

  @Test
  void aspectFollowingModelsAcceptAnyRatio() {
    VideoCapabilities follows = VideoCapabilities.builder().durations(5).aspectFollowsImage(true).build();
    follows.check("p", "m", request().aspectRatio(new AspectRatio(4, 5)).build());
    assertThat(follows.aspectRatios()).isEmpty();
  }

  @Test
  void nearestDurationPrefersTheLongerOnTies() {
    assertThat(kling.nearestDuration(7.5)).isEqualTo(10);
    assertThat(kling.nearestDuration(7.4)).isEqualTo(5);
    assertThat(kling.nearestDuration(40)).isEqualTo(10);
    assertThat(kling.nearestDuration(-3)).isEqualTo(5);
  }

  @Test
  void videoCapabilitiesMustDeclareDurationsAndRatios() {
    assertThatThrownBy(() -> VideoCapabilities.builder().aspectFollowsImage(true).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("durations");
    assertThatThrownBy(() -> VideoCapabilities.builder().durations(5).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("aspectRatios");
  }

  @Test
  void imageChecksSizesAndReferenceImages() {
    ImageCapabilities gptImage = ImageCapabilities.builder()
        .sizes(new ImageSize(1024, 1024), new ImageSize(1536, 1024), new ImageSize(1024, 1536))
        .maxReferenceImages(16).build();
    ImageRequest wide = ImageRequest.builder().prompt("x").size(new ImageSize(1280, 720)).build();
    assertThatThrownBy(() -> gptImage.check("openai", "gpt-image-1", wide))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("1536x1024");
    assertThat(gptImage.nearestSize(new ImageSize(1280, 720))).isEqualTo(new ImageSize(1536, 1024));
    assertThat(gptImage.nearestSize(new ImageSize(720, 1280))).isEqualTo(new ImageSize(1024, 1536));

    ImageCapabilities noEdits = ImageCapabilities.builder().maxSize(1440, 1440).build();
    ImageRequest.Builder edit = ImageRequest.builder().prompt("x").size(new ImageSize(1024, 576)).addReferenceImage(FRAME);
    assertThatThrownBy(() -> noEdits.check("fal", "flux", edit.build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("reference");
    assertThatThrownBy(() -> noEdits.check("fal", "flux", ImageRequest.builder().prompt("x").size(new ImageSize(2048, 1024)).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("1440x1440");
    assertThat(noEdits.nearestSize(new ImageSize(2880, 1620))).isEqualTo(new ImageSize(1440, 810));
  }

  @Test
  void llmChecksVisionAndFormats() {
    LlmCapabilities textOnly = new LlmCapabilities(false, true, false, 0);
    ChatRequest vision = ChatRequest.builder()
        .addMessage(ChatMessage.user(ContentPart.text("describe"), ContentPart.image(FRAME))).build();
    assertThatThrownBy(() -> textOnly.check("p", "m", vision)).hasMessageContaining("images");
    ChatRequest schema = ChatRequest.builder().addMessage(ChatMessage.user("x"))
        .responseFormat(ResponseFormat.jsonSchema("plan", "{}", true)).build();
    assertThatThrownBy(() -> textOnly.check("p", "m", schema)).hasMessageContaining("structured output");
    new LlmCapabilities(true, true, true, 4).check("p", "m", vision);
  }

  @Test
  void requestsAreImmutableAndValidated() {
    assertThatThrownBy(() -> VideoRequest.builder().prompt("x").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("startFrame");
    assertThatThrownBy(() -> ChatRequest.builder().build()).hasMessageContaining("messages");
    assertThatThrownBy(() -> ResponseFormat.jsonSchema("bad name!", "{}", true)).isInstanceOf(IllegalArgumentException.class);
    ImageRequest.Builder b = ImageRequest.builder().prompt("x");
    ImageRequest r = b.build();
    b.addReferenceImage(FRAME);
    assertThat(r.referenceImages()).isEmpty();
    assertThat(r.toBuilder().build().referenceImages()).isEmpty();
  }

  @Test
  void aspectRatioAndSizeParse() {
    assertThat(AspectRatio.of("16:9")).isEqualTo(AspectRatio.LANDSCAPE_16_9);
    assertThat(AspectRatio.of("9 / 16")).isEqualTo(AspectRatio.PORTRAIT_9_16);
    assertThat(AspectRatio.of("1:1").sizeWithLongSide(640)).isEqualTo(new ImageSize(640, 640));
    assertThat(AspectRatio.of("16:9").sizeWithLongSide(641)).isEqualTo(new ImageSize(640, 360));
    assertThat(AspectRatio.of("9:16").sizeWithLongSide(640)).isEqualTo(new ImageSize(360, 640));
    assertThatThrownBy(() -> AspectRatio.of("wide")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AspectRatio.of("0:9")).isInstanceOf(IllegalArgumentException.class);
    assertThat(ImageSize.of("1280X720")).isEqualTo(new ImageSize(1280, 720));
    assertThatThrownBy(() -> ImageSize.of("1280")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void jobStatusRequiresAResultOnSuccess() {
    assertThatThrownBy(() -> new JobStatus(JobState.SUCCEEDED, "COMPLETED", 1, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(JobState.CANCELLED.isTerminal()).isTrue();
    assertThat(JobState.QUEUED.isTerminal()).isFalse();
    assertThat(JobStatus.running("RUNNING", 1.7).progress()).isEqualTo(1.0);
  }
}
