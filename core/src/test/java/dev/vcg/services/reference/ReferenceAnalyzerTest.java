package dev.vcg.services.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.InvalidInputException;
import dev.vcg.direction.VideoDirection;
import dev.vcg.internal.Json;
import dev.vcg.media.DominantColor;
import dev.vcg.media.MediaException;
import dev.vcg.media.MediaRef;
import dev.vcg.media.Shot;
import dev.vcg.media.VideoAnalysis;
import dev.vcg.media.VideoInfo;
import dev.vcg.provider.ImageSize;
import dev.vcg.services.fixtures.Fixtures;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceAnalyzerTest {
  @Test
  void anEarlierPlanIsUsedDirectly() throws Exception {
    VideoDirection plan = Fixtures.plan(new String[] {"a", "b"}, new String[] {"c"});
    ReferenceTemplate t = ReferenceAnalyzer.fromPlan(plan);
    assertThat(t.source()).isEqualTo(ReferenceTemplate.Source.PLAN);
    assertThat(t.plan()).isEqualTo(plan);
    assertThat(t.shotDurations()).containsExactly(5.0, 5.0, 5.0);
    assertThat(t.totalDuration()).isEqualTo(15);
    assertThat(t.pacing()).isEqualTo("moderate cuts");
    assertThat(Json.mapper().readValue(Json.mapper().writeValueAsString(t), ReferenceTemplate.class)).isEqualTo(t);
  }

  @Test
  void aMeasuredVideoGivesShotLengthsPaletteAndPacing() {
    VideoInfo info = VideoInfo.builder().file(Path.of("ref.mp4"), 1000).duration(Duration.ofSeconds(4))
        .codec("avc1", "High", "4.0").size(new ImageSize(320, 180)).timing(25, 100, 3, 12800).build();
    List<Shot> shots = List.of(
        shot(0, 0, 1500, 0.4, new DominantColor(200, 30, 30, 0.8)),
        shot(1, 1500, 3000, 0.35, new DominantColor(205, 32, 28, 0.6), new DominantColor(20, 20, 200, 0.4)),
        shot(2, 3000, 4000, 0.5, new DominantColor(20, 20, 200, 1)));
    ReferenceTemplate t = ReferenceAnalyzer.fromAnalysis(new VideoAnalysis(info, shots, 100));
    assertThat(t.source()).isEqualTo(ReferenceTemplate.Source.VIDEO);
    assertThat(t.shotDurations()).containsExactly(1.5, 1.5, 1.0);
    assertThat(t.palette()).containsExactly("#c81e1e", "#1414c8");
    assertThat(t.pacing()).isEqualTo("fast cuts, high energy");
    assertThat(t.averageMotion()).isEqualTo(0.406);
  }

  private static Shot shot(int i, long fromMs, long toMs, double motion, DominantColor... colors) {
    return Shot.builder().index(i).span(Duration.ofMillis(fromMs), Duration.ofMillis(toMs), 10).motion(motion)
        .dominantColors(List.of(colors)).build();
  }

  @Test
  void withoutAnAnalyzerOnTheClassPathTheErrorNamesTheArtifact(@TempDir Path dir) throws Exception {
    Path video = Files.write(dir.resolve("ref.mp4"), new byte[] {0, 0, 0, 8, 'f', 't', 'y', 'p'});
    assertThatThrownBy(() -> ReferenceAnalyzer.builder().build().analyze(MediaRef.file(video), "run"))
        .isInstanceOf(MediaException.class).hasMessageContaining("vcg-stitch-jcodec")
        .satisfies(e -> assertThat(((MediaException) e).reason()).isEqualTo(MediaException.Reason.NOT_AVAILABLE));
  }

  @Test
  void aRemoteReferenceNeedsAnAssetStore() {
    assertThatThrownBy(() -> ReferenceAnalyzer.builder().build()
        .analyze(MediaRef.url(URI.create("https://example.com/ref.mp4")), "run"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("asset store");
  }
}
