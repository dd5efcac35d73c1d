package dev.vcg.local;

import dev.vcg.direction.DirectionNormalizer;
import dev.vcg.direction.DirectorInput;
import dev.vcg.direction.VideoDirection;
import dev.vcg.direction.VideoStyle;
import dev.vcg.internal.Json;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.ImageSize;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measures the offline director and image provider: plans per second, normalisations per second,
 * and time, bytes allocated and PNG size per frame at common sizes. Not a unit test; run it with
 * the test class path:
 *
 * <pre>
 * mvn -q -pl core -am test-compile
 * M=~/.m2/repository; J=$M/com/fasterxml/jackson/core
 * java -cp core/target/classes:core/target/test-classes:$M/org/slf4j/slf4j-api/2.0.20/slf4j-api-2.0.20.jar:\
 * $J/jackson-databind/2.22.4/jackson-databind-2.22.4.jar:$J/jackson-core/2.22.4/jackson-core-2.22.4.jar:\
 * $J/jackson-annotations/2.22/jackson-annotations-2.22.jar dev.vcg.local.OfflineBenchmark
 * </pre>
 */
public final class OfflineBenchmark {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private OfflineBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    planner(30);
    planner(180);
    normaliser();
    ImageProvider images = LocalImageProvider.create();
    for (int[] size : new int[][] {{640, 360}, {1280, 720}, {1920, 1080}, {4096, 4096}}) {
      frames(images, size[0], size[1], size[0] * size[1] > 4_000_000 ? 3 : 9);
    }
  }

  private static void planner(double seconds) {
    RulePlanner planner = RulePlanner.create();
    DirectorInput input = DirectorInput.builder().concept("Epic blacksmith forge revealing the Hamza Labs emblem with "
        + "fire, molten gold and dramatic lighting").style(VideoStyle.CINEMATIC).targetDuration(seconds).build();
    for (int i = 0; i < 500; i++) {
      planner.plan(input, i);
    }
    int n = 3000;
    long bytes = THREADS.getCurrentThreadAllocatedBytes();
    long t0 = System.nanoTime();
    int shots = 0;
    for (int i = 0; i < n; i++) {
      VideoDirection p = planner.plan(input, i);
      shots += p.shots().size();
    }
    long ns = System.nanoTime() - t0;
    bytes = THREADS.getCurrentThreadAllocatedBytes() - bytes;
    System.out.printf(Locale.ROOT, "planner %3.0f s plan: %7.1f µs/plan, %6.1f KB allocated/plan, %.1f shots/plan%n",
        seconds, ns / 1e3 / n, bytes / 1024.0 / n, (double) shots / n);
  }

  private static void normaliser() throws Exception {
    DirectorInput input = DirectorInput.builder().concept("a lighthouse at dawn").targetDuration(60).build();
    String answer = "Here is the plan:\n```json\n" + Json.mapper().writeValueAsString(RulePlanner.create().plan(input, 1L))
        + "\n```";
    DirectionNormalizer n = DirectionNormalizer.forInput(input, null, null);
    for (int i = 0; i < 2000; i++) {
      n.normalize(answer);
    }
    int count = 5000;
    long bytes = THREADS.getCurrentThreadAllocatedBytes();
    long t0 = System.nanoTime();
    for (int i = 0; i < count; i++) {
      n.normalize(answer);
    }
    long ns = System.nanoTime() - t0;
    bytes = THREADS.getCurrentThreadAllocatedBytes() - bytes;
    System.out.printf(Locale.ROOT, "normaliser (60 s plan, %d chars of answer): %7.1f µs/answer, %6.1f KB allocated%n",
        answer.length(), ns / 1e3 / count, bytes / 1024.0 / count);
  }

  private static void frames(ImageProvider images, int w, int h, int runs) {
    ImageRequest request = ImageRequest.builder().prompt("a sunset over the ocean, golden light on the waves, "
        + "wide shot, cinematic").size(new ImageSize(w, h)).seed(1L).build();
    images.generate(request);
    images.generate(request);
    long[] ms = new long[runs];
    long bytes = 0;
    int png = 0;
    for (int i = 0; i < runs; i++) {
      long b = THREADS.getCurrentThreadAllocatedBytes();
      long t0 = System.nanoTime();
      ImageResult r = images.generate(request);
      ms[i] = (System.nanoTime() - t0) / 1_000_000;
      bytes += THREADS.getCurrentThreadAllocatedBytes() - b;
      png = ((MediaRef.Bytes) r.first().image()).data().length;
    }
    Arrays.sort(ms);
    System.out.printf(Locale.ROOT, "frame %4dx%-4d: median %5d ms (min %5d), %7.1f MB allocated, PNG %7.1f KB%n",
        w, h, ms[runs / 2], ms[0], bytes / 1048576.0 / runs, png / 1024.0);
  }
}
