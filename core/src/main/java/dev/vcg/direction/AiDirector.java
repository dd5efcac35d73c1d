package dev.vcg.direction;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vcg.VcgException;
import dev.vcg.cost.CostEstimate;
import dev.vcg.cost.Money;
import dev.vcg.cost.Price;
import dev.vcg.cost.PriceBook;
import dev.vcg.internal.Json;
import dev.vcg.local.RulePlanner;
import dev.vcg.provider.ChatMessage;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ChatResponse;
import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.LlmCapabilities;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ResponseFormat;
import dev.vcg.provider.TokenUsage;
import dev.vcg.provider.VideoCapabilities;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AI director: turns a concept into a shot-by-shot {@link VideoDirection} through a language
 * model, checks and repairs what the model returns, refines plans after feedback, and estimates
 * what a plan will cost to generate.
 *
 * <p>How a plan is made ({@link #direct}):
 * <ol>
 *   <li>a system prompt (role, arc, continuity, the clip lengths the video model allows, the
 *       output shape) and a user prompt built from the {@link DirectorInput} are sent, asking for
 *       schema-constrained JSON where the model supports structured output
 *       ({@link LlmCapabilities#jsonSchema()}), else any JSON object, else text;</li>
 *   <li>the answer goes through a {@link DirectionNormalizer}: JSON is found in prose or code
 *       fences, durations are snapped and fitted to the target, ids renumbered, unknown camera
 *       moves and transitions mapped, each change reported as a warning;</li>
 *   <li>if the answer is unusable or breaks a rule, the problems are sent back to the model,
 *       at most {@code maxRepairRounds} times (2 by default); an answer still unusable after that
 *       raises {@link InvalidPlanException}, one that is usable but still breaks a rule is accepted
 *       with the mechanical fix and the broken rules as warnings.</li>
 * </ol>
 * Without a language model the {@link OfflinePlanner} (by default the rule-based {@link RulePlanner})
 * makes the plan ({@link DirectionSource#OFFLINE}).
 *
 * <p>Immutable and thread-safe: one director can serve many requests at once.
 *
 * <pre>{@code
 * AiDirector director = AiDirector.builder()
 *     .llm(openRouter)                       // omit to plan offline
 *     .videoCapabilities(klingCapabilities)  // clip lengths to plan for
 *     .priceBook(registry.priceBook())
 *     .build();
 * DirectionResult plan = director.direct(DirectorInput.builder()
 *     .concept("a lighthouse at dawn, waves crashing").targetDuration(30).build());
 * DirectionResult v2 = director.refine(plan, "more close-ups of the waves");
 * }</pre>
 */
public final class AiDirector {
  private static final Logger LOG = LoggerFactory.getLogger(AiDirector.class);
  /** The most repair rounds that may be configured. */
  public static final int MAX_REPAIR_ROUNDS = 5;
  /** The longest feedback accepted, in characters. */
  public static final int MAX_FEEDBACK_LENGTH = 10_000;

  private final LlmProvider llm;
  private final VideoCapabilities videoCapabilities;
  private final ImageCapabilities imageCapabilities;
  private final PriceBook priceBook;
  private final Clock clock;
  private final Long seed;
  private final double temperature;
  private final int maxTokens;
  private final int maxRepairRounds;
  private final OfflinePlanner offlinePlanner;
  private final boolean offlineFallback;
  private final double tolerance;
  private final PlanPricing pricing;

  private AiDirector(Builder b) {
    this.llm = b.llm;
    this.videoCapabilities = b.videoCapabilities;
    this.imageCapabilities = b.imageCapabilities;
    this.priceBook = b.priceBook;
    this.clock = b.clock;
    this.seed = b.seed;
    this.temperature = b.temperature;
    this.maxTokens = b.maxTokens;
    this.maxRepairRounds = b.maxRepairRounds;
    this.offlinePlanner = b.offlinePlanner;
    this.offlineFallback = b.offlineFallback;
    this.tolerance = b.tolerance;
    this.pricing = b.pricing;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the language model, if one is configured (else plans are made offline) */
  public Optional<LlmProvider> llm() {
    return Optional.ofNullable(llm);
  }

  /** @return the clip lengths plans are made for, ascending */
  public SortedSet<Integer> allowedDurations() {
    return videoCapabilities == null ? DirectionNormalizer.DEFAULT_SHOT_SECONDS : videoCapabilities.durationsSeconds();
  }

  /**
   * The normaliser this director checks plans for an input with.
   *
   * @param input the input
   * @return the normaliser
   */
  public DirectionNormalizer normalizer(DirectorInput input) {
    DirectionNormalizer.Builder b = DirectionNormalizer.builder().targetDuration(input.targetDuration())
        .constraints(input.constraints()).fallbackTitle(DirectionNormalizer.titleFrom(input.concept()))
        .toleranceSeconds(tolerance);
    if (videoCapabilities != null) {
      b.videoCapabilities(videoCapabilities);
    }
    if (imageCapabilities != null) {
      b.imagePromptLimit(imageCapabilities.maxPromptLength());
    }
    return b.build();
  }

  /**
   * Plans a video.
   *
   * @param input what to plan
   * @return version 1 of the plan, with warnings and the language model's cost
   * @throws InvalidPlanException if the model's answer is still unusable after the repair rounds
   * @throws dev.vcg.provider.ProviderException if the language model fails (unless offline fallback
   *     is on)
   */
  public DirectionResult direct(DirectorInput input) {
    Objects.requireNonNull(input, "input");
    if (llm == null) {
      return priced(offline(input, null, null, 1, List.of("planned offline by rules: no language model is configured")));
    }
    List<ChatMessage> messages = List.of(
        ChatMessage.system(DirectorPrompts.system(input, allowedDurations(), videoCapabilities, tolerance)),
        ChatMessage.user(DirectorPrompts.user(input, allowedDurations())));
    return priced(withFallback(input, null, null, 1, List.of(), messages));
  }

  /**
   * Makes the next version of a plan after feedback. Explicit length or style requests in the
   * feedback ("make it 45 seconds", "10 seconds shorter", "more playful") also change the input
   * the new version is checked against.
   *
   * @param previous the version to refine
   * @param feedback what the user wants changed (not blank, at most 10,000 characters)
   * @return the next version
   * @throws IllegalArgumentException if the feedback is blank or too long
   * @throws InvalidPlanException if the model's answer is still unusable after the repair rounds
   * @throws dev.vcg.provider.ProviderException if the language model fails (unless offline fallback
   *     is on)
   */
  public DirectionResult refine(DirectionResult previous, String feedback) {
    Objects.requireNonNull(previous, "previous");
    String f = checkFeedback(feedback);
    FeedbackHints.Applied applied = FeedbackHints.apply(previous.input(), f);
    DirectorInput input = applied.input();
    int version = previous.version() + 1;
    if (llm == null) {
      List<String> notes = new ArrayList<>(applied.changes());
      notes.add(0, "refined offline by rules: no language model is configured");
      return priced(offline(input, previous.direction(), f, version, notes));
    }
    List<ChatMessage> messages = List.of(
        ChatMessage.system(DirectorPrompts.system(input, allowedDurations(), videoCapabilities, tolerance)),
        ChatMessage.user(DirectorPrompts.refine(previous.direction(), previous.version(), f, input)));
    return priced(withFallback(input, previous.direction(), f, version, applied.changes(), messages));
  }

  /**
   * Refines the latest version of a history.
   *
   * @param history the versions so far
   * @param feedback what the user wants changed
   * @return a new history ending with the new version
   * @throws IllegalArgumentException if the feedback is blank or too long
   * @throws InvalidPlanException if the model's answer is still unusable after the repair rounds
   */
  public DirectionHistory refine(DirectionHistory history, String feedback) {
    Objects.requireNonNull(history, "history");
    return history.with(refine(history.latest(), feedback));
  }

  /**
   * Estimates what generating a plan will cost, before anything is paid: frames (two per shot,
   * one fewer for every boundary the picture flows across — a cut or crossfade lets the next shot
   * start on the previous shot's end frame), clips priced per second of their length snapped to
   * the video model's allowed lengths, the language model's calls (estimated from the plan's size
   * unless {@link PlanPricing#llmCost()} says) and compilation. Prices come from
   * {@link PlanPricing#priceBook()} over this director's price book, looked up by provider and
   * model with the provider's default ({@code provider/*}) as fallback; unknown prices count as
   * zero.
   *
   * @param direction the plan
   * @param pricing the providers and models it would be generated with
   * @return the estimate, with the counts behind it
   */
  public CostEstimate estimateCost(VideoDirection direction, PlanPricing pricing) {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(pricing, "pricing");
    SortedSet<Integer> allowed = pricing.videoCapabilities().map(VideoCapabilities::durationsSeconds)
        .orElse(allowedDurations());
    return CostEstimator.estimate(direction, pricing, priceBook, allowed);
  }

  /**
   * Like {@link #estimateCost(VideoDirection, PlanPricing)}, counting what the result's language
   * model calls actually cost (unless the pricing says otherwise).
   *
   * @param result a plan made by this director
   * @param pricing the providers and models it would be generated with
   * @return the estimate
   */
  public CostEstimate estimateCost(DirectionResult result, PlanPricing pricing) {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(pricing, "pricing");
    PlanPricing p = pricing.llmCost().isPresent() ? pricing : pricing.toBuilder().llmCost(result.llmCost()).build();
    return estimateCost(result.direction(), p);
  }

  /** @return the pricing estimates are attached to new plans with, if configured */
  public Optional<PlanPricing> pricing() {
    return Optional.ofNullable(pricing);
  }

  private DirectionResult priced(DirectionResult result) {
    if (pricing == null) {
      return result;
    }
    CostEstimate estimate = estimateCost(result, pricing);
    return result.toBuilder().direction(result.direction().withEstimatedCost(estimate)).build();
  }

  private static String checkFeedback(String feedback) {
    Objects.requireNonNull(feedback, "feedback");
    String f = feedback.strip();
    if (f.isEmpty()) {
      throw new IllegalArgumentException("feedback is blank; say what to change");
    }
    if (f.length() > MAX_FEEDBACK_LENGTH) {
      throw new IllegalArgumentException("feedback is " + f.length() + " characters; at most " + MAX_FEEDBACK_LENGTH);
    }
    return f;
  }

  private DirectionResult withFallback(DirectorInput input, VideoDirection previous, String feedback, int version,
                                       List<String> notes, List<ChatMessage> messages) {
    try {
      return viaLlm(input, feedback, version, notes, messages);
    } catch (VcgException e) {
      if (!offlineFallback) {
        throw e;
      }
      LOG.debug("Language model failed ({}); planning offline", e.getClass().getSimpleName());
      List<String> all = new ArrayList<>(notes);
      all.add(0, "planned offline by rules: the language model failed (" + e.getMessage() + ")");
      return offline(input, previous, feedback, version, all);
    }
  }

  private DirectionResult viaLlm(DirectorInput input, String feedback, int version, List<String> notes,
                                 List<ChatMessage> start) {
    DirectionNormalizer normalizer = normalizer(input);
    List<ChatMessage> messages = new ArrayList<>(start);
    ResponseFormat format = responseFormat();
    Money cost = Money.ZERO;
    long in = 0;
    long out = 0;
    String model = llm.model();
    for (int round = 0; ; round++) {
      ChatRequest.Builder req = ChatRequest.builder().messages(messages).responseFormat(format)
          .temperature(temperature).maxTokens(maxTokens);
      if (seed != null) {
        req.seed(seed);
      }
      ChatResponse response = llm.chat(req.build());
      cost = cost.plus(costOf(response));
      in += response.usage().inputTokens();
      out += response.usage().outputTokens();
      model = response.model();
      String raw = response.content();
      NormalizationResult r = normalizer.normalize(raw);
      LOG.debug("Director round {}: {} errors, {} violations, {} warnings", round, r.errors().size(),
          r.violations().size(), r.warnings().size());
      List<String> problems = new ArrayList<>(r.problems());
      if (!r.isUsable() && response.truncated()) {
        problems.add(0, "the answer stopped at the token limit: write shorter prompts so the whole plan fits");
      }
      if (r.isClean() || round >= maxRepairRounds) {
        if (!r.isUsable()) {
          throw new InvalidPlanException("The director's plan", raw, problems, round);
        }
        List<String> warnings = new ArrayList<>(notes);
        warnings.addAll(r.warnings());
        r.violations().forEach(v -> warnings.add("not repaired: " + v));
        return DirectionResult.builder().version(version).direction(r.direction().orElseThrow()).input(input)
            .warnings(warnings).feedback(feedback).source(DirectionSource.LLM).model(model).llmCost(cost)
            .usage(new TokenUsage(in, out)).llmCalls(round + 1).repairRounds(round).createdAt(clock.instant())
            .build();
      }
      messages.add(ChatMessage.assistant(raw.isBlank() ? "(empty answer)" : raw));
      messages.add(ChatMessage.user(DirectorPrompts.repair(problems)));
    }
  }

  private ResponseFormat responseFormat() {
    LlmCapabilities caps = llm.capabilities();
    if (caps.jsonSchema()) {
      return ResponseFormat.jsonSchema(DirectionSchema.NAME, DirectionSchema.json(allowedDurations()), true);
    }
    return caps.jsonObject() ? ResponseFormat.JSON_OBJECT : ResponseFormat.TEXT;
  }

  private Money costOf(ChatResponse response) {
    if (response.actualCost().isPresent()) {
      return response.actualCost().get();
    }
    Price price = priceBook.find(llm.id(), response.model()).or(() -> priceBook.find(llm.id(), llm.model()))
        .orElse(Price.FREE);
    return price.forTokens(response.usage());
  }

  private DirectionResult offline(DirectorInput input, VideoDirection previous, String feedback, int version,
                                  List<String> notes) {
    long s = seed != null ? seed : stableSeed(input.concept());
    long variant = s + 7919L * (version - 1);
    VideoDirection plan = previous == null ? offlinePlanner.plan(input, allowedDurations(), variant)
        : offlinePlanner.refine(previous, input, feedback, allowedDurations(), variant);
    NormalizationResult r = normalizer(input).normalize(plan);
    if (!r.isUsable()) {
      throw new InvalidPlanException("The offline plan", json(plan), r.errors(), 0);
    }
    List<String> warnings = new ArrayList<>(notes);
    warnings.addAll(r.warnings());
    warnings.addAll(r.violations());
    return DirectionResult.builder().version(version).direction(r.direction().orElseThrow()).input(input)
        .warnings(warnings).feedback(feedback).source(DirectionSource.OFFLINE).llmCost(Money.ZERO)
        .usage(TokenUsage.NONE).llmCalls(0).repairRounds(0).createdAt(clock.instant()).build();
  }

  /** FNV-1a of the text: a seed that is stable across runs and JVMs. */
  static long stableSeed(String text) {
    long h = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static String json(VideoDirection plan) {
    try {
      return Json.mapper().writeValueAsString(plan);
    } catch (JsonProcessingException e) {
      return plan.toString();
    }
  }

  @Override
  public String toString() {
    return "AiDirector[llm=" + (llm == null ? "offline" : llm.id() + "/" + llm.model()) + ", durations="
        + allowedDurations() + ", maxRepairRounds=" + maxRepairRounds + "]";
  }

  /** Builds an {@link AiDirector}. Not thread-safe. */
  public static final class Builder {
    private LlmProvider llm;
    private VideoCapabilities videoCapabilities;
    private ImageCapabilities imageCapabilities;
    private PriceBook priceBook = PriceBook.EMPTY;
    private Clock clock = Clock.systemUTC();
    private Long seed;
    private double temperature = 0.7;
    private int maxTokens = 8192;
    private int maxRepairRounds = 2;
    private OfflinePlanner offlinePlanner = RulePlanner.create();
    private boolean offlineFallback;
    private double tolerance = DirectionNormalizer.DEFAULT_TOLERANCE_SECONDS;
    private PlanPricing pricing;

    private Builder() {
    }

    /**
     * @param pricing providers and models to estimate every new plan's cost with; the estimate is
     *     attached to the plan ({@link VideoDirection#estimatedCost()}). Null (the default) for none
     * @return this builder
     */
    public Builder pricing(PlanPricing pricing) {
      this.pricing = pricing;
      return this;
    }

    /**
     * @param llm the language model that plans, or null to plan offline
     * @return this builder
     */
    public Builder llm(LlmProvider llm) {
      this.llm = llm;
      return this;
    }

    /**
     * @param capabilities the video model plans are made for (its clip lengths and prompt limit),
     *     or null for the defaults (whole seconds from 3 to 10)
     * @return this builder
     */
    public Builder videoCapabilities(VideoCapabilities capabilities) {
      this.videoCapabilities = capabilities;
      return this;
    }

    /**
     * @param capabilities the image model frames are made with (its prompt limit), or null
     * @return this builder
     */
    public Builder imageCapabilities(ImageCapabilities capabilities) {
      this.imageCapabilities = capabilities;
      return this;
    }

    /**
     * @param book prices for the language model's tokens when the provider does not report a cost,
     *     and for estimates (default empty: unknown prices count as free)
     * @return this builder
     */
    public Builder priceBook(PriceBook book) {
      this.priceBook = Objects.requireNonNull(book, "book");
      return this;
    }

    /**
     * @param clock the clock for result timestamps (default UTC system clock)
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @param seed passed to the language model where supported, and to the offline planner; null
     *     for none (the offline planner then seeds from the concept)
     * @return this builder
     */
    public Builder seed(Long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * @param temperature sampling temperature, 0 to 2 (default 0.7)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder temperature(double temperature) {
      if (!(temperature >= 0 && temperature <= 2)) {
        throw new IllegalArgumentException("temperature must be within 0..2, got " + temperature);
      }
      this.temperature = temperature;
      return this;
    }

    /**
     * @param maxTokens the answer's token limit, at least 256 (default 8192)
     * @return this builder
     * @throws IllegalArgumentException if below 256
     */
    public Builder maxTokens(int maxTokens) {
      if (maxTokens < 256) {
        throw new IllegalArgumentException("maxTokens must be at least 256, got " + maxTokens);
      }
      this.maxTokens = maxTokens;
      return this;
    }

    /**
     * @param rounds how often a bad answer is sent back for repair, 0 to 5 (default 2)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxRepairRounds(int rounds) {
      if (rounds < 0 || rounds > MAX_REPAIR_ROUNDS) {
        throw new IllegalArgumentException("maxRepairRounds must be within 0.." + MAX_REPAIR_ROUNDS + ", got " + rounds);
      }
      this.maxRepairRounds = rounds;
      return this;
    }

    /**
     * @param planner plans made without a language model (default {@link RulePlanner})
     * @return this builder
     */
    public Builder offlinePlanner(OfflinePlanner planner) {
      this.offlinePlanner = Objects.requireNonNull(planner, "planner");
      return this;
    }

    /**
     * @param fallback whether to plan offline when the language model fails or its plan stays
     *     invalid (default false: the error is thrown)
     * @return this builder
     */
    public Builder offlineFallback(boolean fallback) {
      this.offlineFallback = fallback;
      return this;
    }

    /**
     * @param seconds how far a plan's total may be from the target (default 5)
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder toleranceSeconds(double seconds) {
      if (!(seconds >= 0) || Double.isInfinite(seconds)) {
        throw new IllegalArgumentException("toleranceSeconds must be zero or more, got " + seconds);
      }
      this.tolerance = seconds;
      return this;
    }

    /** @return the director */
    public AiDirector build() {
      return new AiDirector(this);
    }
  }
}
