package dev.vcg.stitch.jcodec.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.vcg.direction.TransitionType;
import dev.vcg.media.StitchRequest;
import dev.vcg.media.StitchResult;
import dev.vcg.media.Transition;
import dev.vcg.provider.ImageSize;
import dev.vcg.stitch.jcodec.JCodecStitcher;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * One stitch in a JVM of its own, for {@link StitchBenchmark}: reports wall time, frames and
 * heap: the largest heap in use before any collection, the largest heap still in use after one
 * (also for the first and second half of the run), and the heap in use after a full collection
 * at a quarter, half and three quarters of the work, which shows whether memory grows with length.
 *
 * <p>Arguments: {@code cut|TRANSITION SECONDS OUTPUT [WIDTHxHEIGHT] CLIP...}. Prints one line
 * starting with {@code RESULT}.
 */
public final class HeapProbe {
  private static final AtomicLong PEAK_BEFORE = new AtomicLong();
  private static final AtomicLong PEAK_AFTER = new AtomicLong();
  private static final AtomicLong PEAK_AFTER_FIRST_HALF = new AtomicLong();
  private static final AtomicLong PEAK_AFTER_SECOND_HALF = new AtomicLong();
  private static volatile boolean secondHalf;
  private static final double[] QUARTERS = {0.25, 0.5, 0.75};
  private static final long[] LIVE_AT = new long[QUARTERS.length];
  private static int nextQuarter;

  private HeapProbe() {
  }

  /**
   * @param args {@code cut|TRANSITION SECONDS OUTPUT [WIDTHxHEIGHT] CLIP...}
   */
  public static void main(String[] args) {
    TransitionType type = TransitionType.tryParse(args[0]).orElseThrow();
    double seconds = Double.parseDouble(args[1]);
    Path out = Path.of(args[2]);
    int first = 3;
    ImageSize size = null;
    if (args[3].matches("\\d+x\\d+")) {
      String[] wh = args[3].split("x");
      size = new ImageSize(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
      first = 4;
    }
    List<Path> clips = new ArrayList<>();
    for (int i = first; i < args.length; i++) {
      clips.add(Path.of(args[i]));
    }
    listen();
    StitchRequest.Builder b = StitchRequest.builder();
    if (size != null) {
      b.outputSize(size);
    }
    StitchRequest request = b.clips(clips).output(out)
        .transition(Transition.of(type, Duration.ofMillis(Math.round(seconds * 1000))))
        .listener(new dev.vcg.media.StitchListener() {
          @Override
          public void onProgress(double fraction) {
            if (fraction >= 0.5) {
              secondHalf = true;
            }
            synchronized (LIVE_AT) {
              while (nextQuarter < QUARTERS.length && fraction >= QUARTERS[nextQuarter]) {
                // A full collection, so what remains is what the stitch holds at this point.
                System.gc();
                LIVE_AT[nextQuarter++] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
              }
            }
          }
        })
        .build();
    long t0 = System.nanoTime();
    StitchResult r = new JCodecStitcher().stitch(request);
    long nanos = System.nanoTime() - t0;
    long poolPeaks = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        poolPeaks += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(Locale.ROOT, "RESULT wallMs=%d frames=%d copied=%d encoded=%d seconds=%.3f bytes=%d "
            + "peakBeforeGcMb=%.1f peakAfterGcMb=%.1f afterGcFirstHalfMb=%.1f afterGcSecondHalfMb=%.1f "
            + "poolPeaksMb=%.1f maxHeapMb=%.1f warnings=%d liveAtQuartersMb=%.1f/%.1f/%.1f%n",
        nanos / 1_000_000, r.frameCount(), r.copiedFrames(), r.encodedFrames(), r.duration().toNanos() / 1e9,
        r.sizeBytes(), mb(PEAK_BEFORE.get()), mb(PEAK_AFTER.get()), mb(PEAK_AFTER_FIRST_HALF.get()),
        mb(PEAK_AFTER_SECOND_HALF.get()), mb(poolPeaks), mb(Runtime.getRuntime().maxMemory()), r.warnings().size(),
        mb(LIVE_AT[0]), mb(LIVE_AT[1]), mb(LIVE_AT[2]));
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  private static void listen() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
          return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
            (CompositeData) n.getUserData());
        long before = sum(info.getGcInfo().getMemoryUsageBeforeGc());
        long after = sum(info.getGcInfo().getMemoryUsageAfterGc());
        PEAK_BEFORE.accumulateAndGet(before, Math::max);
        PEAK_AFTER.accumulateAndGet(after, Math::max);
        (secondHalf ? PEAK_AFTER_SECOND_HALF : PEAK_AFTER_FIRST_HALF).accumulateAndGet(after, Math::max);
      }, null, null);
    }
  }

  private static long sum(Map<String, MemoryUsage> pools) {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage u = pools.get(pool.getName());
      if (u != null && pool.getType() == MemoryType.HEAP) {
        used += u.getUsed();
      }
    }
    return used;
  }
}
