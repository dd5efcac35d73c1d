package dev.vcg.workflows.generation;

import dev.vcg.cost.PriceBook;
import dev.vcg.media.AssetStore;
import dev.vcg.media.FrameExtractor;
import dev.vcg.media.MediaServices;
import dev.vcg.media.VideoStitcher;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.VideoProvider;
import dev.vcg.workflow.PollPolicy;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The settings {@link DirectedGeneration} and {@link ContinuousFlow} share: providers, media
 * services, asset store, prices, limits. Not thread-safe.
 *
 * @param <B> the concrete builder
 */
abstract class GenerationBuilder<B extends GenerationBuilder<B>> {
  /** Default {@link #maxConcurrentCalls}. */
  static final int DEFAULT_MAX_CONCURRENT_CALLS = 4;

  ImageProvider image;
  VideoProvider video;
  LlmProvider llm;
  VideoStitcher stitcher;
  FrameExtractor frames;
  AssetStore assets;
  PriceBook prices = PriceBook.EMPTY;
  int maxConcurrentCalls = DEFAULT_MAX_CONCURRENT_CALLS;
  PollPolicy poll = PollPolicy.video();

  GenerationBuilder() {
  }

  abstract B self();

  /**
   * @param provider renders the frames (required)
   * @return this builder
   */
  public B imageProvider(ImageProvider provider) {
    this.image = Objects.requireNonNull(provider, "imageProvider");
    return self();
  }

  /**
   * @param provider makes the clips (required)
   * @return this builder
   */
  public B videoProvider(VideoProvider provider) {
    this.video = Objects.requireNonNull(provider, "videoProvider");
    return self();
  }

  /**
   * @param stitcher joins the clips (default {@link MediaServices#stitcher()}, looked up at the first stitch)
   * @return this builder
   */
  public B stitcher(VideoStitcher stitcher) {
    this.stitcher = Objects.requireNonNull(stitcher, "stitcher");
    return self();
  }

  /**
   * @param extractor takes thumbnails and last frames (default {@link MediaServices#frameExtractor()},
   *     looked up when first needed)
   * @return this builder
   */
  public B frameExtractor(FrameExtractor extractor) {
    this.frames = Objects.requireNonNull(extractor, "frameExtractor");
    return self();
  }

  /**
   * @param book the prices estimates and reservations are made from, by provider id and model
   *     (default empty: every call is estimated free, and only provider-reported costs count)
   * @return this builder
   */
  public B priceBook(PriceBook book) {
    this.prices = Objects.requireNonNull(book, "priceBook");
    return self();
  }

  /**
   * @param max calls made at once against one provider instance (default 4)
   * @return this builder
   * @throws IllegalArgumentException if less than 1
   */
  public B maxConcurrentCalls(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxConcurrentCalls must be at least 1: " + max);
    }
    this.maxConcurrentCalls = max;
    return self();
  }

  /**
   * @param policy how clip jobs are polled (default {@link PollPolicy#video()})
   * @return this builder
   */
  public B pollPolicy(PollPolicy policy) {
    this.poll = Objects.requireNonNull(policy, "pollPolicy");
    return self();
  }

  /**
   * @param store where frames, clips, the video and its thumbnail are kept, one folder per run
   *     (required; e.g. {@link dev.vcg.media.LocalAssetStore#create(java.nio.file.Path)}). Provider
   *     URLs are downloaded through it, with its size caps and SSRF guard.
   * @return this builder
   */
  public B assetStore(AssetStore store) {
    this.assets = Objects.requireNonNull(store, "assetStore");
    return self();
  }

  Services services() {
    if (image == null) {
      throw new IllegalStateException("imageProvider is required");
    }
    if (video == null) {
      throw new IllegalStateException("videoProvider is required");
    }
    if (assets == null) {
      throw new IllegalStateException("assetStore is required");
    }
    VideoStitcher s = stitcher;
    FrameExtractor f = frames;
    Supplier<VideoStitcher> st = s != null ? () -> s : MediaServices::stitcher;
    Supplier<FrameExtractor> fr = f != null ? () -> f : MediaServices::frameExtractor;
    return new Services(image, video, llm, st, fr, assets, prices, maxConcurrentCalls, poll);
  }
}
