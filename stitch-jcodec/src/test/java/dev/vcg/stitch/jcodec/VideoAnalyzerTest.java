package dev.vcg.stitch.jcodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.vcg.media.AnalysisOptions;
import dev.vcg.media.DominantColor;
import dev.vcg.media.MediaServices;
import dev.vcg.media.Shot;
import dev.vcg.media.VideoAnalysis;
import dev.vcg.media.VideoInfo;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VideoAnalyzerTest {
  private final JCodecVideoAnalyzer analyzer = new JCodecVideoAnalyzer();

  /** Red for 1.5 s, a moving test pattern for 1 s, blue for 2 s. */
  private static Path threeShots() {
    return Ffmpeg.clip("-f", "lavfi", "-i", "color=c=red:s=160x90:r=24:d=1.5", "-f", "lavfi", "-i",
        "testsrc2=s=160x90:r=24:d=1", "-f", "lavfi", "-i", "color=c=blue:s=160x90:r=24:d=2",
        "-filter_complex", "[0][1][2]concat=n=3:v=1:a=0", "-c:v", "libx264", "-pix_fmt", "yuv420p");
  }

  @Test
  void findsShotBoundariesColoursAndMotion() {
    VideoAnalysis a = analyzer.analyze(threeShots());
    assertThat(a.framesAnalysed()).isEqualTo(108);
    assertThat(a.shots()).hasSize(3);
    Shot red = a.shots().get(0);
    Shot pattern = a.shots().get(1);
    Shot blue = a.shots().get(2);
    assertThat(red.start()).isEqualTo(Duration.ZERO);
    assertThat(red.end()).isEqualTo(Duration.ofMillis(1500));
    assertThat(pattern.end()).isEqualTo(Duration.ofMillis(2500));
    assertThat(blue.end()).isEqualTo(Duration.ofMillis(4500));
    assertThat(red.frameCount()).isEqualTo(36);
    assertThat(pattern.duration()).isEqualTo(Duration.ofSeconds(1));
    assertThat(a.shots()).extracting(Shot::index).containsExactly(0, 1, 2);

    DominantColor r = red.dominantColors().get(0);
    assertThat(r.share()).isGreaterThan(0.95);
    assertThat(r.red()).isGreaterThan(230);
    assertThat(r.green()).isLessThan(25);
    assertThat(r.blue()).isLessThan(25);
    DominantColor b = blue.dominantColors().get(0);
    assertThat(b.blue()).isGreaterThan(230);
    assertThat(b.red()).isLessThan(25);
    assertThat(pattern.dominantColors()).hasSizeGreaterThan(2).hasSizeLessThanOrEqualTo(5);
    assertThat(pattern.dominantColors().stream().mapToDouble(DominantColor::share).sum()).isCloseTo(1.0, offset(1e-6));

    assertThat(red.motion()).isLessThan(0.01);
    assertThat(blue.motion()).isLessThan(0.01);
    assertThat(pattern.motion()).isGreaterThan(0.05);
    assertThat(red.brightness()).isBetween(0.2, 0.4);
  }

  @Test
  void movingPictureIsOneShot() {
    VideoAnalysis a = analyzer.analyze(Ffmpeg.clip("-f", "lavfi", "-i", "mandelbrot=s=160x90:r=24", "-t", "3",
        "-c:v", "libx264", "-pix_fmt", "yuv420p"));
    assertThat(a.shots()).hasSize(1);
    assertThat(a.shots().get(0).duration()).isEqualTo(Duration.ofSeconds(3));
    assertThat(a.shots().get(0).motion()).isPositive();
  }

  @Test
  void optionsChangeWhatCountsAsACut() {
    Path video = threeShots();
    // A minimum shot length longer than the middle shot merges it into the first.
    VideoAnalysis merged = analyzer.analyze(video, AnalysisOptions.builder()
        .minShotDuration(Duration.ofMillis(1600)).colorsPerShot(2).build());
    assertThat(merged.shots()).hasSize(2);
    assertThat(merged.shots().get(0).end()).isEqualTo(Duration.ofMillis(2500));
    assertThat(merged.shots().get(0).dominantColors()).hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void probeDescribesTheFile() {
    VideoInfo info = analyzer.probe(threeShots());
    assertThat(info.frameCount()).isEqualTo(108);
    assertThat(info.duration()).isEqualTo(Duration.ofMillis(4500));
    assertThat(info.size().width()).isEqualTo(160);
  }

  @Test
  void isDiscovered() {
    assertThat(MediaServices.videoAnalyzer()).isInstanceOf(JCodecVideoAnalyzer.class);
  }
}
