package dev.vcg.services.plan;

import dev.vcg.cost.CostLedger;
import dev.vcg.cost.Money;
import dev.vcg.cost.PriceBook;
import dev.vcg.direction.AiDirector;
import dev.vcg.direction.DirectionResult;
import dev.vcg.direction.DirectionSource;
import dev.vcg.direction.DirectorInput;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.TokenUsage;
import dev.vcg.services.cache.CacheKey;
import dev.vcg.services.cache.ProviderCache;
import dev.vcg.services.internal.Calls;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes a plan from a {@link PlanBrief} with the {@link AiDirector}.
 *
 * <p>With a language model: the director's input is looked up in the {@link ProviderCache} by
 * model and input (and the clip lengths the director plans for); a hit costs nothing (a zero cost
 * entry labelled {@code (cache hit)}, and the plan's {@link DirectionResult#llmCost()} set to
 * zero). A miss reserves the estimated cost of a planning call in the run's {@link CostLedger},
 * asks the director, and records what the calls cost. Plans a language model made are cached;
 * plans made by rules (no model, or the director's offline fallback after a failure) never are.
 *
 * <p>Without a language model the director plans by rules, for free.
 *
 * <p>Immutable and thread-safe when its director is.
 */
public final class PlanGenerator {
  /** Tokens of one planning call, for the reservation made before it. */
  public static final TokenUsage PLANNING_TOKENS = new TokenUsage(3_000, 4_000);
  static final String PROMPT_VERSION = "director/1";

  private final AiDirector director;
  private final ProviderCache cache;
  private final PriceBook prices;
  private final Clock clock;

  private PlanGenerator(Builder b) {
    this.director = b.director;
    this.cache = b.cache;
    this.prices = b.prices;
    this.clock = b.clock;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the director */
  public AiDirector director() {
    return director;
  }

  /**
   * Makes a plan.
   *
   * @param brief what to plan
   * @param ledger the run's ledger: the planning call is reserved there and recorded
   * @return the plan
   * @throws dev.vcg.cost.BudgetExceededException if a planning call does not fit the budget
   * @throws dev.vcg.direction.InvalidPlanException if the model's plan stays unusable
   * @throws dev.vcg.provider.ProviderException if the language model fails and the director has no
   *     offline fallback
   */
  public GeneratedPlan generate(PlanBrief brief, CostLedger ledger) {
    Objects.requireNonNull(brief, "brief");
    Objects.requireNonNull(ledger, "ledger");
    DirectorInput input = brief.toDirectorInput();
    Optional<LlmProvider> llm = director.llm();
    if (llm.isEmpty()) {
      return new GeneratedPlan(director.direct(input), false, List.of());
    }
    LlmProvider model = llm.get();
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("prompt", PROMPT_VERSION);
    request.put("input", input);
    request.put("durations", director.allowedDurations());
    CacheKey key = CacheKey.of("plan", model.id(), model.model(), request);
    Optional<DirectionResult> hit = cache.get(key, DirectionResult.class);
    if (hit.isPresent()) {
      DirectionResult cached = hit.get();
      Calls.cacheHit(ledger, clock, model.id(), cached.model().orElse(model.model()), ProviderKind.LLM, "plan");
      return new GeneratedPlan(cached.toBuilder().llmCost(Money.ZERO).usage(TokenUsage.NONE).llmCalls(0).build(),
          true, List.of());
    }
    Money estimate = Calls.tokens(prices, model.id(), model.model(), PLANNING_TOKENS);
    DirectionResult r = Calls.pay(ledger, clock, new Calls.Payee(model.id(), model.model(), ProviderKind.LLM, estimate),
        "plan", () -> director.direct(input), DirectionResult::llmCost, null, d -> d.model().orElse(null)).result();
    if (r.source() != DirectionSource.LLM) {
      return new GeneratedPlan(r, false, List.of("planned by rules: the language model " + model.id() + "/"
          + model.model() + " did not produce a usable plan"));
    }
    cache.put(key, r);
    return new GeneratedPlan(r, false, List.of());
  }

  @Override
  public String toString() {
    return "PlanGenerator[" + director + "]";
  }

  /** Builds a {@link PlanGenerator}. Not thread-safe. */
  public static final class Builder {
    private AiDirector director;
    private ProviderCache cache = ProviderCache.disabled();
    private PriceBook prices = PriceBook.EMPTY;
    private Clock clock = Clock.systemUTC();

    private Builder() {
    }

    /**
     * @param director the director (required)
     * @return this builder
     */
    public Builder director(AiDirector director) {
      this.director = Objects.requireNonNull(director, "director");
      return this;
    }

    /**
     * @param cache where plans are remembered (default: none)
     * @return this builder
     */
    public Builder cache(ProviderCache cache) {
      this.cache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /**
     * @param prices token prices for the reservation (default empty: unknown prices count as zero)
     * @return this builder
     */
    public Builder priceBook(PriceBook prices) {
      this.prices = Objects.requireNonNull(prices, "prices");
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
     * @throws IllegalStateException if the director is missing
     */
    public PlanGenerator build() {
      if (director == null) {
        throw new IllegalStateException("director is required");
      }
      return new PlanGenerator(this);
    }
  }
}
