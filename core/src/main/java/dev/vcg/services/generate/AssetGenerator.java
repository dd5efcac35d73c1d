package dev.vcg.services.generate;

import dev.vcg.VcgException;
import dev.vcg.cost.BudgetExceededException;
import dev.vcg.cost.CostLedger;
import dev.vcg.cost.Money;
import dev.vcg.cost.PriceBook;
import dev.vcg.media.AssetStore;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.GeneratedImage;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.ProviderKind;
import dev.vcg.services.cache.CacheKey;
import dev.vcg.services.cache.ProviderCache;
import dev.vcg.services.gaps.AssetGap;
import dev.vcg.services.internal.Calls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills gaps with images from the image provider, one image per gap, most important first.
 *
 * <p>For each gap: the request (prompt, a negative prompt against text and watermarks, the size
 * the model makes nearest to the wanted shape and long side, the seed where the model takes one)
 * is looked up in the {@link ProviderCache} by provider, model and normalised request. A hit is
 * copied into this run's folder of the {@link AssetStore} and costs nothing (a zero cost entry
 * labelled {@code (cache hit)}). A miss reserves the price-book estimate in the run's
 * {@link CostLedger} first — a call that would pass the budget is not made, and the remaining gaps
 * are left — then generates, records the cost, stores the image and caches where it is.
 *
 * <p>Failures are not thrown: a gap the provider fails on is left with a warning and the next is
 * tried. Nothing that failed is cached.
 *
 * <p>Immutable and thread-safe when its provider and store are.
 */
public final class AssetGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(AssetGenerator.class);
  static final String NEGATIVE = "text, letters, watermark, signature, blurry, low quality";

  private final ImageProvider image;
  private final AssetStore store;
  private final PriceBook prices;
  private final ProviderCache cache;
  private final Clock clock;

  private AssetGenerator(Builder b) {
    this.image = b.image;
    this.store = b.store;
    this.prices = b.prices;
    this.cache = b.cache;
    this.clock = b.clock;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the image provider */
  public ImageProvider imageProvider() {
    return image;
  }

  /** What the cache keeps of a generated image: where the first copy is stored. */
  record CachedImage(String path, int width, int height, String model) {
  }

  /**
   * Generates images for the gaps.
   *
   * @param request the gaps and their shape
   * @param ledger the run's ledger: each call is reserved there first and recorded after
   * @return the images made and the gaps left, with reasons
   */
  public AssetGeneration generate(AssetRequest request, CostLedger ledger) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(ledger, "ledger");
    List<GeneratedAsset> made = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    ImageSize size = image.capabilities().nearestSize(request.aspectRatio().sizeWithLongSide(request.longSide()));
    Money estimate = prices.find(image.id(), image.model()).map(p -> p.forImages(1)).orElse(Money.ZERO);
    List<AssetGap> gaps = request.gaps();
    for (int i = 0; i < gaps.size(); i++) {
      AssetGap gap = gaps.get(i);
      String id = "generated-" + gap.kind().wireName().replace('_', '-');
      if (made.size() >= request.maxAssets()) {
        warnings.add(id + " not made: at most " + request.maxAssets() + " images are generated at this quality");
        continue;
      }
      ImageRequest ir = imageRequest(gap.prompt(), size, request.seed().orElse(null));
      CacheKey key = CacheKey.of("image", image.id(), image.model(), cacheView(ir));
      Optional<GeneratedAsset> hit = fromCache(key, request.runId(), id, gap, ledger);
      if (hit.isPresent()) {
        made.add(hit.get());
        continue;
      }
      Calls.Paid<ImageResult> paid;
      try {
        paid = Calls.pay(ledger, clock, new Calls.Payee(image.id(), image.model(), ProviderKind.IMAGE, estimate),
            "asset " + id, () -> image.generate(ir), ImageResult::cost, r -> null, ImageResult::model);
      } catch (BudgetExceededException e) {
        warnings.add(id + " and the gaps after it not made: " + e.getMessage());
        break;
      } catch (VcgException e) {
        LOG.debug("image generation for {} failed: {}", id, e.toString());
        warnings.add(id + " not made: " + image.id() + "/" + image.model() + " failed ("
            + e.getClass().getSimpleName() + ": " + Calls.abbreviate(e.getMessage(), 200) + ")");
        continue;
      }
      ImageResult result = paid.result();
      GeneratedImage g = result.first();
      MediaRef.File stored;
      try {
        stored = store.store(request.runId(), id, g.image());
      } catch (VcgException e) {
        warnings.add(id + " was made but cannot be stored: " + Calls.abbreviate(e.getMessage(), 200));
        continue;
      }
      Money cost = paid.cost().amount();
      made.add(new GeneratedAsset(id, gap.kind(), stored, g.width(), g.height(), gap.prompt(), image.id(),
          result.model(), cost, false));
      cache.put(key, new CachedImage(stored.path().toString(), g.width(), g.height(), result.model()));
    }
    return new AssetGeneration(made, warnings);
  }

  private Optional<GeneratedAsset> fromCache(CacheKey key, String runId, String id, AssetGap gap, CostLedger ledger) {
    Optional<CachedImage> c = cache.get(key, CachedImage.class);
    if (c.isEmpty()) {
      return Optional.empty();
    }
    Path p = Path.of(c.get().path());
    if (!Files.isRegularFile(p)) {
      cache.remove(key);
      return Optional.empty();
    }
    MediaRef.File stored;
    try {
      stored = store.store(runId, id, MediaRef.file(p));
    } catch (VcgException e) {
      LOG.debug("cached image {} cannot be copied: {}", p, e.toString());
      cache.remove(key);
      return Optional.empty();
    }
    Calls.cacheHit(ledger, clock, image.id(), c.get().model(), ProviderKind.IMAGE, "asset " + id);
    return Optional.of(new GeneratedAsset(id, gap.kind(), stored, c.get().width(), c.get().height(), gap.prompt(),
        image.id(), c.get().model(), Money.ZERO, true));
  }

  private ImageRequest imageRequest(String prompt, ImageSize size, Long seed) {
    int max = image.capabilities().maxPromptLength();
    String p = prompt.strip();
    ImageRequest.Builder b = ImageRequest.builder().prompt(p.length() <= max ? p : p.substring(0, max).strip())
        .negativePrompt(NEGATIVE).size(size);
    if (seed != null && image.capabilities().supportsSeed()) {
      b.seed(seed);
    }
    return b.build();
  }

  private static Map<String, Object> cacheView(ImageRequest r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("prompt", r.prompt());
    m.put("negativePrompt", r.negativePrompt().orElse(null));
    m.put("size", r.size().width() + "x" + r.size().height());
    m.put("seed", r.seed().orElse(null));
    m.put("model", r.model().orElse(null));
    m.put("extra", r.extraParameters());
    return m;
  }

  @Override
  public String toString() {
    return "AssetGenerator[" + image.id() + "/" + image.model() + "]";
  }

  /** Builds an {@link AssetGenerator}. Not thread-safe. */
  public static final class Builder {
    private ImageProvider image;
    private AssetStore store;
    private PriceBook prices = PriceBook.EMPTY;
    private ProviderCache cache = ProviderCache.disabled();
    private Clock clock = Clock.systemUTC();

    private Builder() {
    }

    /**
     * @param image the image provider (required)
     * @return this builder
     */
    public Builder imageProvider(ImageProvider image) {
      this.image = Objects.requireNonNull(image, "image");
      return this;
    }

    /**
     * @param store where images are kept (required)
     * @return this builder
     */
    public Builder assetStore(AssetStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * @param prices image prices for reservations (default empty: unknown prices count as zero)
     * @return this builder
     */
    public Builder priceBook(PriceBook prices) {
      this.prices = Objects.requireNonNull(prices, "prices");
      return this;
    }

    /**
     * @param cache where generated images are remembered (default: none)
     * @return this builder
     */
    public Builder cache(ProviderCache cache) {
      this.cache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /**
     * @param clock timestamps of cost entries (default UTC system clock)
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @return the generator
     * @throws IllegalStateException if the image provider or the asset store is missing
     */
    public AssetGenerator build() {
      if (image == null) {
        throw new IllegalStateException("imageProvider is required");
      }
      if (store == null) {
        throw new IllegalStateException("assetStore is required");
      }
      return new AssetGenerator(this);
    }
  }
}
