package dev.vcg.workflows.planning;

import dev.vcg.GatewayServices;
import dev.vcg.Quality;
import dev.vcg.cost.PriceBook;
import dev.vcg.direction.AiDirector;
import dev.vcg.media.AssetStore;
import dev.vcg.media.VideoAnalyzer;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.services.assets.AssetAnalyzer;
import dev.vcg.services.brand.BrandSynthesizer;
import dev.vcg.services.cache.ProviderCache;
import dev.vcg.services.gaps.GapDetector;
import dev.vcg.services.generate.AssetGenerator;
import dev.vcg.services.plan.PlanGenerator;
import dev.vcg.services.reference.ReferenceAnalyzer;
import dev.vcg.services.text.TextAnalyzer;
import dev.vcg.services.validate.QualityValidator;
import dev.vcg.services.web.WebScraper;
import dev.vcg.routing.InputAnalyzer;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The services the planning workflows call (the seed's service registry): text analysis, web
 * scraping, asset analysis, reference analysis, brand synthesis, gap detection, asset generation,
 * plan generation and quality validation, built from a director, providers and a few settings,
 * sharing one {@link ProviderCache}.
 *
 * <pre>{@code
 * PlanningServices services = PlanningServices.builder()
 *     .director(director)                       // plans (language model or rules)
 *     .imageProvider(images).assetStore(store)  // for asset generation
 *     .priceBook(prices)
 *     .cache(ProviderCache.directory(Path.of("cache")))
 *     .build();
 * Workflow web = PlanningWorkflows.create(WorkflowType.WEB_EXTRACTION, services);
 * }</pre>
 *
 * <p>Immutable and thread-safe: build once, share between workflows and runs (the cache is
 * shared too).
 */
public final class PlanningServices {
  private final Map<Quality, PlanGenerator> planners = new EnumMap<>(Quality.class);
  private final Map<Quality, AssetGenerator> generators = new EnumMap<>(Quality.class);
  private final TextAnalyzer text;
  private final WebScraper scraper;
  private final AssetAnalyzer assets;
  private final ReferenceAnalyzer reference;
  private final BrandSynthesizer brand = new BrandSynthesizer();
  private final GapDetector gaps = new GapDetector();
  private final QualityValidator validator;
  private final InputAnalyzer inputAnalyzer = new InputAnalyzer();
  private final ProviderCache cache;
  private final Clock clock;

  private PlanningServices(Builder b) {
    this.cache = b.cache;
    this.clock = b.clock;
    LlmProvider llm = b.llm != null ? b.llm : b.director.llm().orElse(null);
    this.text = TextAnalyzer.builder().llm(llm).cache(cache).priceBook(b.prices).clock(clock).build();
    this.scraper = b.scraper != null ? b.scraper : WebScraper.create();
    this.assets = b.assetAnalyzer != null ? b.assetAnalyzer : AssetAnalyzer.create();
    ReferenceAnalyzer.Builder rb = ReferenceAnalyzer.builder().assetStore(b.store);
    if (b.videoAnalyzer != null) {
      rb.videoAnalyzer(b.videoAnalyzer);
    }
    this.reference = rb.build();
    this.validator = QualityValidator.of(b.videoCapabilities);
    for (Quality q : Quality.values()) {
      AiDirector d = b.directors.getOrDefault(q, b.director);
      planners.put(q, PlanGenerator.builder().director(d).cache(cache).priceBook(b.prices).clock(clock).build());
      ImageProvider image = b.images.getOrDefault(q, b.image);
      if (image != null && b.store != null) {
        generators.put(q, AssetGenerator.builder().imageProvider(image).assetStore(b.store).priceBook(b.prices)
            .cache(cache).clock(clock).build());
      }
    }
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding what a gateway gives its workflows: the director (and its language model for
   * text analysis), the image provider, the asset store, the prices, the clock and the video
   * model's capabilities (for the quality checks). The rest keeps its defaults unless set.
   *
   * @param gateway the gateway's services
   * @return a builder
   */
  public static Builder builder(GatewayServices gateway) {
    Objects.requireNonNull(gateway, "gateway");
    return new Builder().director(gateway.director()).llm(gateway.llm().orElse(null)).imageProvider(gateway.image())
        .assetStore(gateway.assetStore()).priceBook(gateway.priceBook()).clock(gateway.clock())
        .videoCapabilities(gateway.videoCapabilities().orElse(null));
  }

  /** @return the text analyzer (language model with rules as fallback) */
  public TextAnalyzer textAnalyzer() {
    return text;
  }

  /** @return the web scraper (SSRF-guarded) */
  public WebScraper webScraper() {
    return scraper;
  }

  /** @return the image asset analyzer */
  public AssetAnalyzer assetAnalyzer() {
    return assets;
  }

  /** @return the reference analyzer */
  public ReferenceAnalyzer referenceAnalyzer() {
    return reference;
  }

  /** @return the brand synthesizer */
  public BrandSynthesizer brandSynthesizer() {
    return brand;
  }

  /** @return the gap detector */
  public GapDetector gapDetector() {
    return gaps;
  }

  /**
   * @param quality a quality
   * @return the asset generator for it, if an image provider and an asset store are configured
   */
  public Optional<AssetGenerator> assetGenerator(Quality quality) {
    return Optional.ofNullable(generators.get(Objects.requireNonNull(quality, "quality")));
  }

  /**
   * @param quality a quality
   * @return the plan generator for it
   */
  public PlanGenerator planGenerator(Quality quality) {
    return planners.get(Objects.requireNonNull(quality, "quality"));
  }

  /** @return the quality validator */
  public QualityValidator validator() {
    return validator;
  }

  /** @return the input analyzer the workflows route with */
  public InputAnalyzer inputAnalyzer() {
    return inputAnalyzer;
  }

  /** @return the cache shared by the services */
  public ProviderCache cache() {
    return cache;
  }

  /** @return the clock */
  public Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return "PlanningServices[" + planners.get(Quality.STANDARD) + ", " + text + ", image generation "
        + (generators.isEmpty() ? "off" : "on") + ", " + cache + "]";
  }

  /** Builds {@link PlanningServices}. Not thread-safe. */
  public static final class Builder {
    private AiDirector director;
    private final Map<Quality, AiDirector> directors = new EnumMap<>(Quality.class);
    private LlmProvider llm;
    private ImageProvider image;
    private final Map<Quality, ImageProvider> images = new EnumMap<>(Quality.class);
    private AssetStore store;
    private PriceBook prices = PriceBook.EMPTY;
    private Clock clock = Clock.systemUTC();
    private ProviderCache cache;
    private WebScraper scraper;
    private AssetAnalyzer assetAnalyzer;
    private VideoAnalyzer videoAnalyzer;
    private VideoCapabilities videoCapabilities;

    private Builder() {
    }

    /**
     * @param director the director that plans (required); its language model also analyses text
     *     unless {@link #llm} says otherwise
     * @return this builder
     */
    public Builder director(AiDirector director) {
      this.director = Objects.requireNonNull(director, "director");
      return this;
    }

    /**
     * @param quality a quality
     * @param director the director for requests of that quality (e.g. a cheaper model for drafts)
     * @return this builder
     */
    public Builder director(Quality quality, AiDirector director) {
      directors.put(Objects.requireNonNull(quality, "quality"), Objects.requireNonNull(director, "director"));
      return this;
    }

    /**
     * @param llm the language model for text analysis (default: the director's), or null
     * @return this builder
     */
    public Builder llm(LlmProvider llm) {
      this.llm = llm;
      return this;
    }

    /**
     * @param image the image provider for asset generation, or null for none
     * @return this builder
     */
    public Builder imageProvider(ImageProvider image) {
      this.image = image;
      return this;
    }

    /**
     * @param quality a quality
     * @param image the image provider for requests of that quality
     * @return this builder
     */
    public Builder imageProvider(Quality quality, ImageProvider image) {
      images.put(Objects.requireNonNull(quality, "quality"), Objects.requireNonNull(image, "image"));
      return this;
    }

    /**
     * @param store where generated assets and downloaded references are kept, or null (then
     *     nothing is generated)
     * @return this builder
     */
    public Builder assetStore(AssetStore store) {
      this.store = store;
      return this;
    }

    /**
     * @param prices prices for reservations before paid calls (default empty: unknown prices count as zero)
     * @return this builder
     */
    public Builder priceBook(PriceBook prices) {
      this.prices = Objects.requireNonNull(prices, "prices");
      return this;
    }

    /**
     * @param clock the clock (default UTC system clock)
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @param cache where provider results are kept (default: in memory, 1,000 entries);
     *     {@link ProviderCache#disabled()} for none
     * @return this builder
     */
    public Builder cache(ProviderCache cache) {
      this.cache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /**
     * @param scraper the web scraper (default {@link WebScraper#create()}, public addresses only)
     * @return this builder
     */
    public Builder webScraper(WebScraper scraper) {
      this.scraper = Objects.requireNonNull(scraper, "scraper");
      return this;
    }

    /**
     * @param analyzer the image asset analyzer (default {@link AssetAnalyzer#create()})
     * @return this builder
     */
    public Builder assetAnalyzer(AssetAnalyzer analyzer) {
      this.assetAnalyzer = Objects.requireNonNull(analyzer, "analyzer");
      return this;
    }

    /**
     * @param analyzer the reference video analyzer (default: the one on the class path, from
     *     {@code vcg-stitch-jcodec})
     * @return this builder
     */
    public Builder videoAnalyzer(VideoAnalyzer analyzer) {
      this.videoAnalyzer = Objects.requireNonNull(analyzer, "analyzer");
      return this;
    }

    /**
     * @param capabilities the video model plans are checked against, or null to skip those checks
     * @return this builder
     */
    public Builder videoCapabilities(VideoCapabilities capabilities) {
      this.videoCapabilities = capabilities;
      return this;
    }

    /**
     * @return the services
     * @throws IllegalStateException if the director is missing
     */
    public PlanningServices build() {
      if (director == null) {
        throw new IllegalStateException("director is required");
      }
      if (cache == null) {
        cache = ProviderCache.inMemory(1_000);
      }
      return new PlanningServices(this);
    }
  }
}
