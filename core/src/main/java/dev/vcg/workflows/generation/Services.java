package dev.vcg.workflows.generation;

import dev.vcg.VcgException;
import dev.vcg.cost.Money;
import dev.vcg.cost.Price;
import dev.vcg.cost.PriceBook;
import dev.vcg.direction.CameraMove;
import dev.vcg.media.AssetStore;
import dev.vcg.media.FrameExtractor;
import dev.vcg.media.FramePosition;
import dev.vcg.media.MediaException;
import dev.vcg.media.MediaRef;
import dev.vcg.media.StitchListener;
import dev.vcg.media.StitchRequest;
import dev.vcg.media.StitchResult;
import dev.vcg.media.StitchWarning;
import dev.vcg.media.ThumbnailRequest;
import dev.vcg.media.Transition;
import dev.vcg.media.VideoStitcher;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.TokenUsage;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import dev.vcg.services.web.WebFetchException;
import dev.vcg.workflow.PollPolicy;
import dev.vcg.workflow.RetryPolicy;
import dev.vcg.workflow.StepContext;
import dev.vcg.workflows.generation.Values.FrameAsset;
import dev.vcg.workflows.generation.Values.Stitched;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What the generation workflows work with (providers, media services, asset store, prices,
 * limits) and the steps' shared pieces of work. Immutable and thread-safe.
 */
final class Services {
  /** Tokens of one frame description: the image and instructions in, a paragraph out. */
  static final TokenUsage DESCRIBE_TOKENS = new TokenUsage(1_500, 300);
  private static final int STORE_ATTEMPTS = 3;
  private static final int DEFAULT_LONG_SIDE = 1280;

  final ImageProvider image;
  final VideoProvider video;
  final LlmProvider llm;
  private final Supplier<VideoStitcher> stitcher;
  private final Supplier<FrameExtractor> frames;
  final AssetStore assets;
  final PriceBook prices;
  final Limiter limiter;
  final PollPolicy poll;
  final RetryPolicy saveRetry;

  Services(ImageProvider image, VideoProvider video, LlmProvider llm, Supplier<VideoStitcher> stitcher,
           Supplier<FrameExtractor> frames, AssetStore assets, PriceBook prices, int maxConcurrentCalls,
           PollPolicy poll) {
    this.image = Objects.requireNonNull(image, "imageProvider");
    this.video = Objects.requireNonNull(video, "videoProvider");
    this.llm = llm;
    this.stitcher = Objects.requireNonNull(stitcher, "stitcher");
    this.frames = Objects.requireNonNull(frames, "frameExtractor");
    this.assets = Objects.requireNonNull(assets, "assets");
    this.prices = Objects.requireNonNull(prices, "priceBook");
    this.limiter = new Limiter(maxConcurrentCalls);
    this.poll = Objects.requireNonNull(poll, "pollPolicy");
    this.saveRetry = RetryPolicy.builder().maxAttempts(3).delay(Duration.ofSeconds(1)).build();
  }

  VideoStitcher stitcher() {
    return stitcher.get();
  }

  FrameExtractor frames() {
    return frames.get();
  }

  // ------------------------------------------------------------------ estimates

  Money imageEstimate() {
    return prices.find(image.id(), image.model()).map(p -> p.forImages(1)).orElse(Money.ZERO);
  }

  Money clipEstimate(int seconds) {
    return prices.find(video.id(), video.model()).map(p -> p.forVideo(seconds)).orElse(Money.ZERO);
  }

  Money describeEstimate() {
    if (llm == null) {
      return Money.ZERO;
    }
    return prices.find(llm.id(), llm.model()).map(p -> p.forTokens(DESCRIBE_TOKENS)).orElse(Money.ZERO);
  }

  // ------------------------------------------------------------------ shapes

  /** The frame size: the wanted one (or 1280 on the long side), moved to one the image model makes. */
  ImageSize frameSize(ImageSize wanted, AspectRatio aspect) {
    ImageSize w = wanted != null ? wanted : aspect.sizeWithLongSide(DEFAULT_LONG_SIDE);
    return image.capabilities().nearestSize(w);
  }

  /** The aspect ratio to send with clip requests, or null when the model cannot take it. */
  AspectRatio videoAspect(AspectRatio aspect, List<String> warnings) {
    VideoCapabilities caps = video.capabilities();
    if (caps.aspectFollowsImage() || caps.aspectRatios().contains(aspect)) {
      return aspect;
    }
    warnings.add("video model " + video.id() + "/" + video.model() + " does not take aspect ratio " + aspect
        + " (allowed: " + caps.aspectRatios() + "); clips use the model's default");
    return null;
  }

  /** The allowed clip length nearest to the wanted one, with a warning when it differs. */
  int snap(double seconds, String what, List<String> warnings) {
    int s = video.capabilities().nearestDuration(seconds);
    if (Math.abs(s - seconds) > 1e-9) {
      warnings.add(what + ": " + format(seconds) + " s snapped to " + s + " s, a length video model "
          + video.id() + "/" + video.model() + " makes (" + video.capabilities().durationsSeconds() + ")");
    }
    return s;
  }

  static String format(double seconds) {
    return seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds);
  }

  static String fit(String prompt, int max) {
    String p = prompt.strip();
    return p.length() <= max ? p : p.substring(0, Math.max(1, max)).strip();
  }

  // ------------------------------------------------------------------ work

  /**
   * Renders one frame (a paid call, under the per-provider limit) and stores it.
   *
   * @param reference an image to keep continuity with, or null; sent only if the model takes one
   */
  FrameAsset renderFrame(StepContext ctx, Budget budget, int index, String label, String prompt, ImageSize size,
                         long seed, MediaRef reference, String negative) throws InterruptedException {
    ImageRequest.Builder b = ImageRequest.builder()
        .prompt(fit(prompt, image.capabilities().maxPromptLength()))
        .size(size)
        .negativePrompt(negative);
    if (image.capabilities().supportsSeed()) {
      b.seed(seed);
    }
    if (reference != null && image.capabilities().maxReferenceImages() > 0) {
      b.addReferenceImage(reference);
    }
    ImageRequest request = b.build();
    ctx.progress(0.1, "rendering " + label);
    ImageResult result = limiter.run(image, () -> budget.pay(ctx, label, ProviderKind.IMAGE, image.id(),
        request.model().orElse(image.model()), imageEstimate(), () -> image.generate(request),
        r -> r.actualCost().orElse(null), ImageResult::model));
    ctx.progress(0.8, "storing " + label);
    MediaRef stored = store(ctx, label, result.first().image());
    ctx.assetReady(label, stored);
    return new FrameAsset(index, stored, request.prompt());
  }

  /** Stores media in the run's asset directory, trying again at once after transient failures. */
  MediaRef store(StepContext ctx, String name, MediaRef media) {
    VcgException last = null;
    for (int attempt = 1; attempt <= STORE_ATTEMPTS; attempt++) {
      ctx.checkCancelled();
      try {
        return assets.store(ctx.runId(), name, media);
      } catch (VcgException e) {
        if (!e.isRetryable()) {
          throw e;
        }
        last = e;
      }
    }
    throw last;
  }

  /**
   * Stores a finished clip. When its download address is refused as gone or forbidden (providers
   * sign output URLs for a day or two, so a run resumed after a long pause finds them expired),
   * the provider is asked for the finished job again, which costs nothing and returns a fresh
   * address, and that one is stored. The poll waits its turn like every call to the provider; a
   * busy provider fails the attempt with its retryable error, so the step's retry asks again.
   */
  MediaRef storeClip(StepContext ctx, String label, Values.ClipDone clip) throws InterruptedException {
    try {
      return store(ctx, label, clip.video());
    } catch (VcgException e) {
      if (clip.job() == null || !addressExpired(e)) {
        throw e;
      }
      JobStatus again;
      try {
        again = limiter.run(video, () -> video.poll(clip.job()));
      } catch (VcgException pollFailure) {
        if (pollFailure.isRetryable()) {
          // Busy or briefly down: the step's retry downloads and asks again.
          pollFailure.addSuppressed(e);
          throw pollFailure;
        }
        e.addSuppressed(pollFailure);
        throw e;
      }
      if (again.resultIfDone().isEmpty()) {
        throw e;
      }
      ctx.decide("download " + label + " again from a fresh address", "its address was refused ("
          + e.getMessage() + "); " + video.id() + " gave a new one for the finished job");
      return store(ctx, label, again.resultIfDone().get().video());
    }
  }

  /** Whether a download failed because the server refused the address: 401, 403, 404 or 410. */
  static boolean addressExpired(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WebFetchException w && w.reason() == WebFetchException.Reason.HTTP_STATUS) {
        int status = w.status().orElse(0);
        return status == 401 || status == 403 || status == 404 || status == 410;
      }
    }
    return false;
  }

  /** A clip request for the video model: frames it takes, snapped length, prompt within its limit. */
  VideoRequest clipRequest(MediaRef start, MediaRef end, String prompt, CameraMove move, int seconds,
                           AspectRatio aspect, Long seed) {
    VideoCapabilities caps = video.capabilities();
    VideoRequest.Builder b = VideoRequest.builder()
        .startFrame(start)
        .prompt(fit(prompt, caps.maxPromptLength()))
        .cameraMove(move)
        .durationSeconds(seconds)
        .aspectRatio(aspect);
    if (end != null && caps.supportsEndFrame()) {
      b.endFrame(end);
    }
    if (seed != null && caps.supportsSeed()) {
      b.seed(seed);
    }
    return b.build();
  }

  /**
   * Stitches the clips into {@code output}, or, without one, into the run's folder of the asset
   * store (written next to a temporary file first, then stored), and reports what changed.
   */
  Stitched stitch(StepContext ctx, List<Path> clips, List<Transition> transitions, Path output) {
    ctx.checkCancelled();
    List<String> warnings = new CopyOnWriteArrayList<>();
    return produce(ctx, output, "video", "video.mp4", out -> {
      StitchRequest.Builder b = StitchRequest.builder().clips(clips).output(out).listener(new StitchListener() {
        @Override
        public void onWarning(StitchWarning warning) {
          warnings.add(warning.message());
        }

        @Override
        public void onProgress(double fraction) {
          ctx.progress(fraction * 0.95, "stitching " + clips.size() + " clips");
        }
      });
      for (int i = 0; i < transitions.size(); i++) {
        b.transition(i, transitions.get(i));
      }
      StitchResult r = stitcher().stitch(b.build());
      List<String> all = new ArrayList<>(warnings);
      for (StitchWarning w : r.warnings()) {
        if (!all.contains(w.message())) {
          all.add(w.message());
        }
      }
      return new Stitched(r.output(), r.duration().toMillis(), r.frameCount(), all);
    }, (st, stored) -> new Stitched(stored, st.durationMillis(), st.frames(), st.warnings()),
        st -> ctx.assetReady("video", MediaRef.file(st.video())));
  }

  /** Writes a poster image from the middle of the video into the run's folder of the asset store. */
  Path thumbnail(StepContext ctx, Stitched video) {
    ctx.checkCancelled();
    return produce(ctx, null, "thumbnail", "thumbnail.png", out -> frames().thumbnail(ThumbnailRequest.builder()
        .video(video.video())
        .output(out)
        .position(FramePosition.at(Duration.ofMillis(video.durationMillis() / 2)))
        .build()).file(), (p, stored) -> stored, p -> ctx.assetReady("thumbnail", MediaRef.file(p)));
  }

  /** Work that writes one file. */
  @FunctionalInterface
  interface FileWork<T> {
    T write(Path out);
  }

  /** Writes to {@code output}, or to a temporary file that is then stored under the run as {@code name}. */
  private <T> T produce(StepContext ctx, Path output, String name, String fileName, FileWork<T> work,
                        java.util.function.BiFunction<T, Path, T> stored, java.util.function.Consumer<T> ready) {
    if (output != null) {
      T t = work.write(output);
      ready.accept(t);
      return t;
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("vcg-" + name + "-");
      Path tmp = dir.resolve(fileName);
      T t = work.write(tmp);
      T result = stored.apply(t, ((MediaRef.File) store(ctx, name, MediaRef.file(tmp))).path());
      ready.accept(result);
      return result;
    } catch (IOException e) {
      throw new MediaException(null, MediaException.Reason.OUTPUT_FAILED, "cannot create a temporary file for the "
          + name + ": " + e.getMessage() + ". Check the temporary directory (java.io.tmpdir).", e);
    } finally {
      if (dir != null) {
        deleteQuietly(dir.resolve(fileName));
        deleteQuietly(dir);
      }
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // A leftover temporary file is harmless; the system cleans its temporary directory.
    }
  }

  /** @return the price of one image, for messages */
  Price imagePrice() {
    return prices.priceOf(image.id(), image.model());
  }
}
