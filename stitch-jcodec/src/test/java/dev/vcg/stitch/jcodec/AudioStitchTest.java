package dev.vcg.stitch.jcodec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.media.StitchRequest;
import dev.vcg.media.StitchResult;
import dev.vcg.media.StitchWarning;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AAC audio is copied and stays in sync with the video at every boundary. */
class AudioStitchTest {
  private static final int RATE = 48000;
  /** Half an AAC frame, the most a boundary may be off, plus 1 ms for onset detection. */
  private static final int TOLERANCE = 512 + RATE / 1000;

  @TempDir
  Path dir;

  private final JCodecStitcher stitcher = new JCodecStitcher();

  /** A 2 s clip with a 1 kHz burst at 0.5 s, like a sound effect synced to the picture. */
  static Path burstClip(int sampleRate, String layout) {
    return Ffmpeg.clip("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24", "-f", "lavfi", "-i",
        "aevalsrc=exprs=if(between(t\\,0.5\\,0.6)\\,0.8*sin(2*PI*1000*t)\\,0):s=" + sampleRate + ":d=2:c=" + layout,
        "-t", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart");
  }

  /** Sample positions where the signal jumps from silence to loud. */
  static List<Integer> onsets(short[] pcm) {
    List<Integer> found = new ArrayList<>();
    int quietRun = 0;
    for (int i = 0; i < pcm.length; i++) {
      if (Math.abs(pcm[i]) > 8000) {
        if (quietRun > RATE / 10) {
          found.add(i);
        }
        quietRun = 0;
      } else {
        quietRun++;
      }
    }
    return found;
  }

  @Test
  void audioStaysWithinHalfAFrameAtEveryBoundary() {
    Path clip = burstClip(RATE, "stereo");
    int sourceOnset = onsets(Ffmpeg.pcm(clip, RATE)).get(0);
    assertThat(sourceOnset).isCloseTo(RATE / 2, org.assertj.core.data.Offset.offset(RATE / 100));
    Path out = dir.resolve("av.mp4");
    StitchResult r = stitcher.stitch(StitchRequest.builder().clips(List.of(clip, clip, clip, clip)).output(out).build());
    assertThat(r.hasAudio()).isTrue();
    assertThat(r.warnings()).isEmpty();
    assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
    List<Integer> found = onsets(Ffmpeg.pcm(out, RATE));
    assertThat(found).hasSize(4);
    for (int c = 0; c < 4; c++) {
      int expected = c * 2 * RATE + sourceOnset;
      assertThat(found.get(c)).as("burst of clip %d", c + 1).isCloseTo(expected,
          org.assertj.core.data.Offset.offset(TOLERANCE));
    }
    // Video is still copied exactly, and audio lasts as long as the video.
    assertThat(Ffmpeg.frameMd5(out)).hasSize(192);
    double audioDuration = Double.parseDouble(Ffmpeg.probe(out, "a:0", "stream=duration", false));
    assertThat(audioDuration).isCloseTo(8.0, org.assertj.core.data.Offset.offset(0.03));
  }

  @Test
  void audioFollowsTheVideoThroughOverlappingTransitions() {
    Path clip = burstClip(RATE, "stereo");
    int sourceOnset = onsets(Ffmpeg.pcm(clip, RATE)).get(0);
    Path out = dir.resolve("xfade.mp4");
    StitchResult r = stitcher.stitch(StitchRequest.builder().clips(List.of(clip, clip, clip)).output(out)
        .transition(dev.vcg.direction.TransitionType.CROSSFADE, java.time.Duration.ofMillis(500)).build());
    assertThat(r.hasAudio()).isTrue();
    assertThat(r.duration()).isEqualTo(java.time.Duration.ofMillis(5000));
    assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
    List<Integer> found = onsets(Ffmpeg.pcm(out, RATE));
    assertThat(found).hasSize(3);
    // Each clip starts 1.5 s after the previous one; its audio starts with its picture.
    for (int c = 0; c < 3; c++) {
      assertThat(found.get(c)).isCloseTo(c * 3 * RATE / 2 + sourceOnset, org.assertj.core.data.Offset.offset(TOLERANCE));
    }
  }

  @Test
  void clipWithoutAudioGetsSilenceAndLaterAudioStaysInPlace() {
    Path withAudio = burstClip(RATE, "mono");
    Path silent = Ffmpeg.testClip("320x180", 24, 2);
    int sourceOnset = onsets(Ffmpeg.pcm(withAudio, RATE)).get(0);
    Path out = dir.resolve("gap.mp4");
    List<StitchWarning> heard = new CopyOnWriteArrayList<>();
    StitchResult r = stitcher.stitch(StitchRequest.builder().clips(List.of(withAudio, silent, withAudio, silent))
        .output(out).listener(new dev.vcg.media.StitchListener() {
          @Override
          public void onWarning(StitchWarning warning) {
            heard.add(warning);
          }
        }).build());
    assertThat(r.hasAudio()).isTrue();
    assertThat(r.warnings()).extracting(StitchWarning::code)
        .containsExactly(StitchWarning.SILENCE_INSERTED, StitchWarning.SILENCE_INSERTED);
    assertThat(r.warnings()).extracting(StitchWarning::clipIndex).containsExactly(1, 3);
    assertThat(heard).isEqualTo(r.warnings());
    assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
    List<Integer> found = onsets(Ffmpeg.pcm(out, RATE));
    assertThat(found).hasSize(2);
    assertThat(found.get(0)).isCloseTo(sourceOnset, org.assertj.core.data.Offset.offset(TOLERANCE));
    assertThat(found.get(1)).isCloseTo(4 * RATE + sourceOnset, org.assertj.core.data.Offset.offset(TOLERANCE));
    double audioDuration = Double.parseDouble(Ffmpeg.probe(out, "a:0", "stream=duration", false));
    assertThat(audioDuration).isCloseTo(8.0, org.assertj.core.data.Offset.offset(0.03));
  }

  @Test
  void firstClipWithoutAudio() {
    Path withAudio = burstClip(RATE, "stereo");
    Path silent = Ffmpeg.testClip("320x180", 24, 2);
    int sourceOnset = onsets(Ffmpeg.pcm(withAudio, RATE)).get(0);
    Path out = dir.resolve("late.mp4");
    StitchResult r = stitcher.stitch(StitchRequest.builder().clips(List.of(silent, withAudio)).output(out).build());
    assertThat(r.hasAudio()).isTrue();
    assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
    List<Integer> found = onsets(Ffmpeg.pcm(out, RATE));
    assertThat(found).hasSize(1);
    assertThat(found.get(0)).isCloseTo(2 * RATE + sourceOnset, org.assertj.core.data.Offset.offset(TOLERANCE));
  }

  @Test
  void differentAudioFormatsAreDroppedWithAWarning() {
    Path a48 = burstClip(48000, "stereo");
    Path a44 = burstClip(44100, "stereo");
    Path out = dir.resolve("mixed.mp4");
    StitchResult r = stitcher.stitch(StitchRequest.builder().clips(List.of(a48, a44)).output(out).build());
    assertThat(r.hasAudio()).isFalse();
    assertThat(r.warnings()).singleElement().satisfies(w -> {
      assertThat(w.code()).isEqualTo(StitchWarning.AUDIO_DROPPED);
      assertThat(w.clipIndex()).isEqualTo(1);
      assertThat(w.message()).contains("44100 Hz");
    });
    assertThat(Ffmpeg.probe(out, "a", "stream=codec_name", false)).isEmpty();
    assertThat(Ffmpeg.frameMd5(out)).hasSize(96);
  }

  @Test
  void audioCanBeLeftOut() {
    Path clip = burstClip(RATE, "stereo");
    Path out = dir.resolve("mute.mp4");
    StitchResult r = stitcher.stitch(StitchRequest.builder().clips(List.of(clip, clip)).output(out)
        .includeAudio(false).build());
    assertThat(r.hasAudio()).isFalse();
    assertThat(r.warnings()).isEmpty();
    assertThat(Ffmpeg.probe(out, "a", "stream=codec_name", false)).isEmpty();
  }
}
