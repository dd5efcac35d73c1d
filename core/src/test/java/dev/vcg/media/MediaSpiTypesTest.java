package dev.vcg.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.direction.TransitionType;
import dev.vcg.provider.ImageSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaSpiTypesTest {
  private final Path a = Path.of("a.mp4");
  private final Path b = Path.of("b.mp4");
  private final Path c = Path.of("c.mp4");

  @Test
  void requestResolvesOneTransitionPerBoundary() {
    StitchRequest r = StitchRequest.builder().clips(List.of(a, b, c)).output(Path.of("out.mp4"))
        .transition(TransitionType.CROSSFADE, Duration.ofMillis(400))
        .transition(1, Transition.CUT)
        .build();
    assertThat(r.transitions()).containsExactly(
        new Transition(TransitionType.CROSSFADE, Duration.ofMillis(400)), Transition.CUT);
    assertThat(r.toBuilder().build().transitions()).isEqualTo(r.transitions());
    assertThat(r.includeAudio()).isTrue();
    assertThat(r.listener()).isSameAs(StitchListener.NONE);
    assertThat(r.outputSize()).isEmpty();
    assertThat(r.frameRate()).isEmpty();
  }

  @Test
  void requestCopiesTheCallersList() {
    List<Path> clips = new ArrayList<>(List.of(a, b));
    StitchRequest r = StitchRequest.builder().clips(clips).output(Path.of("out.mp4")).build();
    clips.add(c);
    assertThat(r.clips()).containsExactly(a, b);
    assertThatThrownBy(() -> r.clips().add(c)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void requestChecksNameTheField() {
    assertThatThrownBy(() -> StitchRequest.builder().output(Path.of("o.mp4")).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("clips");
    assertThatThrownBy(() -> StitchRequest.builder().addClip(a).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("output");
    assertThatThrownBy(() -> StitchRequest.builder().addClip(a).addClip(b).output(Path.of("o.mp4"))
        .transition(1, Transition.CUT).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("boundary 1");
    assertThatThrownBy(() -> StitchRequest.builder().addClip(a).output(a).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("output must not be one of the clips");
    assertThatThrownBy(() -> StitchRequest.builder().outputSize(new ImageSize(321, 180)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width");
    assertThatThrownBy(() -> StitchRequest.builder().frameRate(0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frameRate");
  }

  @Test
  void transitionValidatesDuration() {
    assertThat(Transition.of(TransitionType.CUT, Duration.ofSeconds(3))).isEqualTo(Transition.CUT);
    assertThatThrownBy(() -> new Transition(TransitionType.CROSSFADE, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("crossfade");
    assertThatThrownBy(() -> new Transition(TransitionType.FADE_BLACK, Duration.ofSeconds(11)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 10");
    assertThat(Transition.of(TransitionType.WIPE_LEFT, Duration.ofSeconds(1)).overlaps()).isTrue();
    assertThat(Transition.of(TransitionType.FADE_WHITE, Duration.ofSeconds(1)).overlaps()).isFalse();
  }

  @Test
  void framePositionsAndFormats() {
    assertThat(FramePosition.atSeconds(2.5).time()).isEqualTo(Duration.ofMillis(2500));
    assertThatThrownBy(() -> FramePosition.atSeconds(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FramePosition(FramePosition.Kind.FIRST, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ImageFormat.fromFileName(Path.of("x/poster.JPEG"))).contains(ImageFormat.JPEG);
    assertThat(ImageFormat.fromFileName(Path.of("poster.webp"))).isEmpty();
    ThumbnailRequest t = ThumbnailRequest.builder().video(a).output(Path.of("p.jpg")).build();
    assertThat(t.format()).isEqualTo(ImageFormat.JPEG);
    assertThat(t.position()).isEqualTo(FramePosition.first());
    assertThat(ThumbnailRequest.builder().video(a).output(Path.of("p.bin")).build().format()).isEqualTo(ImageFormat.PNG);
  }

  @Test
  void exceptionsCarryFileAndReason() {
    StitchException e = new StitchException(2, c, MediaException.Reason.TRUNCATED, "clip 3 is cut short", null);
    assertThat(e).isInstanceOf(dev.vcg.VcgException.class);
    assertThat(e.file()).contains(c);
    assertThat(e.clipIndex()).hasValue(2);
    assertThat(e.reason().isInputProblem()).isTrue();
    assertThat(MediaException.Reason.OUTPUT_FAILED.isInputProblem()).isFalse();
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void discoveryExplainsWhatToAdd() {
    // core alone has no implementation on its class path.
    assertThatThrownBy(MediaServices::stitcher).isInstanceOf(MediaException.class)
        .hasMessageContaining("vcg-stitch-jcodec")
        .satisfies(e -> assertThat(((MediaException) e).reason()).isEqualTo(MediaException.Reason.NOT_AVAILABLE));
  }

  @Test
  void dominantColourHex() {
    assertThat(new DominantColor(255, 128, 0, 0.5).hex()).isEqualTo("#ff8000");
    assertThatThrownBy(() -> new DominantColor(256, 0, 0, 0.1)).isInstanceOf(IllegalArgumentException.class);
  }
}
