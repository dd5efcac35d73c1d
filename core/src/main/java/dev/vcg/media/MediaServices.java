package dev.vcg.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Finds the implementations of the media SPIs ({@link VideoStitcher}, {@link FrameExtractor},
 * {@link VideoAnalyzer}) on the class path with {@link ServiceLoader}, lazily and once per
 * interface. Implementations register themselves in
 * {@code META-INF/services/dev.vcg.media.VideoStitcher} (and the others) and have a public no-arg
 * constructor. {@code vcg-stitch-jcodec} provides all three.
 *
 * <p>Discovery is a convenience: hosts may construct an implementation directly and pass it
 * where one is needed. Thread-safe.
 */
public final class MediaServices {
  private static final String ARTIFACT = "dev.vcg:vcg-stitch-jcodec";
  private static final Map<Class<?>, Object> FOUND = new ConcurrentHashMap<>();

  private MediaServices() {
  }

  /**
   * @return the stitcher on the class path
   * @throws MediaException with {@link MediaException.Reason#NOT_AVAILABLE} if there is none or
   *     more than one
   */
  public static VideoStitcher stitcher() {
    return find(VideoStitcher.class);
  }

  /**
   * @return the frame extractor on the class path
   * @throws MediaException with {@link MediaException.Reason#NOT_AVAILABLE} if there is none or
   *     more than one
   */
  public static FrameExtractor frameExtractor() {
    return find(FrameExtractor.class);
  }

  /**
   * @return the video analyzer on the class path
   * @throws MediaException with {@link MediaException.Reason#NOT_AVAILABLE} if there is none or
   *     more than one
   */
  public static VideoAnalyzer videoAnalyzer() {
    return find(VideoAnalyzer.class);
  }

  private static <T> T find(Class<T> type) {
    Object found = FOUND.computeIfAbsent(type, t -> {
      List<Object> all = new ArrayList<>();
      ServiceLoader.load(t, MediaServices.class.getClassLoader()).forEach(all::add);
      if (all.size() == 1) {
        return all.get(0);
      }
      // Not cached: the class path may be fixed and this asked again.
      throw new MediaException(null, MediaException.Reason.NOT_AVAILABLE, all.isEmpty()
          ? "No " + t.getSimpleName() + " is on the class path. Add the dependency " + ARTIFACT + "."
          : "Several " + t.getSimpleName() + " implementations are on the class path: "
              + all.stream().map(o -> o.getClass().getName()).collect(Collectors.joining(", "))
              + ". Remove one, or construct the one you want directly.");
    });
    return type.cast(found);
  }
}
