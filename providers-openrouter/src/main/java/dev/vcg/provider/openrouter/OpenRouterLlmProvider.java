package dev.vcg.provider.openrouter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcg.cost.Money;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ChatResponse;
import dev.vcg.provider.ContentPolicyException;
import dev.vcg.provider.LlmCapabilities;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderError;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.TokenUsage;
import dev.vcg.provider.http.Auth;
import dev.vcg.provider.http.CallOptions;
import dev.vcg.provider.http.JsonResponse;
import dev.vcg.provider.http.ProviderHttpClient;
import dev.vcg.provider.http.Sleeper;
import dev.vcg.provider.openrouter.internal.ChatBody;
import dev.vcg.provider.openrouter.internal.Completion;
import dev.vcg.provider.openrouter.internal.OpenRouterErrors;
import dev.vcg.provider.openrouter.internal.OpenRouterModels;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chat completions through <a href="https://openrouter.ai">OpenRouter</a> ({@code POST
 * /chat/completions}): text, JSON mode ({@code json_object}), structured output
 * ({@code json_schema}), images in messages (URLs as they are, local files and bytes as
 * {@code data:} URIs), model fallbacks ({@link ChatRequest#fallbackModels()} → {@code models}) and
 * any other OpenRouter field, e.g. {@code provider} routing or {@code plugins}, through
 * {@link ChatRequest#extraParameters()}.
 *
 * <p>The actual cost of each call is OpenRouter's {@code usage.cost} (credits are US dollars),
 * returned as {@link ChatResponse#actualCost()}. Errors OpenRouter reports inside HTTP 200 bodies
 * ({@code choices[].error}, {@code finish_reason: "error"}) become the same typed exceptions as
 * HTTP errors; {@code error.availability.retryable} decides whether a call is retried; an empty
 * answer (an upstream provider starting up) is retried like a server error. A refusal or an answer
 * withheld by a content filter is a {@link ContentPolicyException}.
 *
 * <p>Settings come from the {@link ProviderConfig} (id {@code openrouter}): key
 * ({@code OPENROUTER_API_KEY}), base URL (default {@value #DEFAULT_BASE_URL}), model (default
 * {@value OpenRouterModels#DEFAULT_MODEL}, any OpenRouter id works), request timeout, retries, and
 * these options:
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #OPTION_REFERER}</td><td>{@value #DEFAULT_REFERER}</td><td>{@code HTTP-Referer}
 *       attribution header: your app's URL; empty to send none</td></tr>
 *   <tr><td>{@value #OPTION_TITLE}</td><td>{@value #DEFAULT_TITLE}</td><td>{@code X-OpenRouter-Title}
 *       attribution header: your app's name; empty to send none</td></tr>
 *   <tr><td>{@value #OPTION_CATEGORIES}</td><td>none</td><td>{@code X-OpenRouter-Categories}</td></tr>
 *   <tr><td>{@value #OPTION_IMAGE_DETAIL}</td><td>none</td><td>{@code detail} of image parts:
 *       {@code auto}, {@code low} or {@code high}</td></tr>
 *   <tr><td>{@value #OPTION_REQUIRE_PARAMETERS}</td><td>{@code false}</td><td>{@code true} routes
 *       structured-output requests only to endpoints that enforce the schema
 *       ({@code provider.require_parameters})</td></tr>
 *   <tr><td>{@value #OPTION_RETRY_EMPTY_CONTENT}</td><td>{@code true}</td><td>{@code false} returns an
 *       empty answer instead of retrying it</td></tr>
 * </table>
 *
 * <pre>{@code
 * LlmProvider llm = OpenRouterLlmProvider.builder()
 *     .config(ProviderConfig.builder("openrouter").apiKey(ApiKey.of(key)).model("openai/gpt-4o").build())
 *     .build();
 * ChatResponse answer = llm.chat(ChatRequest.builder().addMessage(ChatMessage.user("Hello")).build());
 * }</pre>
 *
 * <p>Immutable and thread-safe; share one instance.
 */
public final class OpenRouterLlmProvider implements LlmProvider {
  /** The provider id. */
  public static final String ID = "openrouter";
  /** The environment variable that usually holds the key. */
  public static final String API_KEY_VARIABLE = "OPENROUTER_API_KEY";
  /** OpenRouter's API root. */
  public static final String DEFAULT_BASE_URL = "https://openrouter.ai/api/v1";
  /** The option naming the {@code HTTP-Referer} header. */
  public static final String OPTION_REFERER = "referer";
  /** The option naming the {@code X-OpenRouter-Title} header. */
  public static final String OPTION_TITLE = "title";
  /** The option naming the {@code X-OpenRouter-Categories} header. */
  public static final String OPTION_CATEGORIES = "categories";
  /** The option setting the {@code detail} of image parts. */
  public static final String OPTION_IMAGE_DETAIL = "image-detail";
  /** The option that sets {@code provider.require_parameters} for structured output. */
  public static final String OPTION_REQUIRE_PARAMETERS = "require-parameters";
  /** The option that turns off retrying empty answers. */
  public static final String OPTION_RETRY_EMPTY_CONTENT = "retry-empty-content";
  /** The attribution URL sent by default: this SDK's home. */
  public static final String DEFAULT_REFERER = "https://github.com/vcg-dev/video-creation-gateway";
  /** The attribution name sent by default. */
  public static final String DEFAULT_TITLE = "Video Creation Gateway";

  private static final Logger LOG = LoggerFactory.getLogger(OpenRouterLlmProvider.class);
  private static final Set<String> DETAILS = Set.of("auto", "low", "high");
  private static final int MAX_REFUSAL = 500;

  private final ProviderHttpClient http;
  private final String model;
  private final LlmCapabilities capabilities;
  private final String imageDetail;
  private final boolean requireParameters;

  private OpenRouterLlmProvider(Builder b, ProviderConfig config) {
    this.model = config.model().orElse(OpenRouterModels.DEFAULT_MODEL);
    this.capabilities = OpenRouterModels.capabilities(model);
    this.imageDetail = config.option(OPTION_IMAGE_DETAIL).map(v -> v.strip().toLowerCase(Locale.ROOT))
        .filter(v -> !v.isEmpty()).orElse(null);
    if (imageDetail != null && !DETAILS.contains(imageDetail)) {
      throw new IllegalArgumentException("option " + OPTION_IMAGE_DETAIL + " of '" + ID
          + "' must be auto, low or high: " + imageDetail);
    }
    this.requireParameters = flag(config, OPTION_REQUIRE_PARAMETERS, false);
    boolean retryEmpty = flag(config, OPTION_RETRY_EMPTY_CONTENT, true);
    ProviderHttpClient.Builder hb = ProviderHttpClient.builder(ID)
        .config(config)
        .defaultBaseUrl(URI.create(DEFAULT_BASE_URL))
        .apiKeyVariable(API_KEY_VARIABLE)
        .auth(Auth.bearer())
        .errorHandler(new OpenRouterErrors(retryEmpty))
        .retryableStatus(524, 529)
        .requestTimeout(java.time.Duration.ofMinutes(3));
    header(hb, config, OPTION_REFERER, "HTTP-Referer", DEFAULT_REFERER);
    header(hb, config, OPTION_TITLE, "X-OpenRouter-Title", DEFAULT_TITLE);
    header(hb, config, OPTION_CATEGORIES, "X-OpenRouter-Categories", "");
    if (b.clock != null) {
      hb.clock(b.clock);
    }
    if (b.sleeper != null) {
      hb.sleeper(b.sleeper);
    }
    this.http = hb.build();
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public LlmCapabilities capabilities() {
    return capabilities;
  }

  /**
   * Sends the chat to OpenRouter.
   *
   * @param request a request that passed the capability check
   * @return the answer, with OpenRouter's actual cost when it reported one
   * @throws dev.vcg.InvalidInputException if a schema is not valid JSON or an image cannot be read
   *     (before any call)
   * @throws ContentPolicyException if the model refused or moderation flagged the input
   * @throws ProviderException for any other failure, typed by cause
   */
  @Override
  public ChatResponse doChat(ChatRequest request) {
    Objects.requireNonNull(request, "request");
    String asked = request.model().orElse(model);
    ObjectNode body = ChatBody.of(asked, request, imageDetail, requireParameters);
    JsonResponse<Completion> response = http.send("POST", "/chat/completions", body, Completion.class,
        CallOptions.defaults());
    Completion c = response.body();
    String requestId = c.id() != null ? c.id() : response.requestId().orElse(null);
    if (c.choices() == null || c.choices().isEmpty() || c.choices().get(0) == null) {
      throw new ProviderException(new ProviderError(ID, response.statusCode(), requestId, "no_choices",
          "the answer of model " + asked + " holds no choices; try again or choose another model", null), false, null);
    }
    Completion.Choice choice = c.choices().get(0);
    Completion.Message message = choice.message();
    String content = message == null ? "" : message.text();
    if (content.isBlank() && message != null && message.refusal() != null && !message.refusal().isBlank()) {
      throw new ContentPolicyException(new ProviderError(ID, response.statusCode(), requestId, "refusal",
          "model " + (c.model() == null ? asked : c.model()) + " refused: " + abbreviate(message.refusal())
              + "; change the request", null), null);
    }
    if (content.isBlank() && "content_filter".equals(choice.finishReason())) {
      throw new ContentPolicyException(new ProviderError(ID, response.statusCode(), requestId, "content_filter",
          "the answer of model " + (c.model() == null ? asked : c.model())
              + " was withheld by a content filter; change the request", null), null);
    }
    Completion.Usage u = c.usage();
    TokenUsage usage = u == null ? TokenUsage.NONE
        : new TokenUsage(nonNegative(u.promptTokens()), nonNegative(u.completionTokens()));
    Money cost = u == null || u.cost() == null || u.cost().signum() < 0 ? null : Money.of(u.cost());
    String answeredBy = c.model() != null ? c.model() : asked;
    LOG.debug("[{}] {} answered ({} via {}): {} prompt + {} completion tokens, cost {}, finish {}", ID, answeredBy,
        requestId, c.provider(), usage.inputTokens(), usage.outputTokens(), cost, choice.finishReason());
    return new ChatResponse(content, answeredBy, choice.finishReason(), usage, cost, requestId);
  }

  @Override
  public String toString() {
    return "OpenRouterLlmProvider[model=" + model + ", baseUrl=" + http.baseUrl() + "]";
  }

  private static long nonNegative(Long v) {
    return v == null || v < 0 ? 0 : v;
  }

  private static String abbreviate(String s) {
    String one = s.strip().replace('\r', ' ').replace('\n', ' ');
    return one.length() > MAX_REFUSAL ? one.substring(0, MAX_REFUSAL) + "…" : one;
  }

  private static boolean flag(ProviderConfig config, String option, boolean fallback) {
    String v = config.option(option).map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse(null);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException("option " + option + " of '" + ID + "' must be true or false: " + v);
    }
    return v.equals("true");
  }

  private static void header(ProviderHttpClient.Builder hb, ProviderConfig config, String option, String header,
                             String fallback) {
    String value = config.option(option).map(String::strip).orElse(fallback);
    if (value.isEmpty()) {
      return;
    }
    try {
      hb.header(header, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("option " + option + " of '" + ID + "' must be one line", e);
    }
  }

  /** Builds an {@link OpenRouterLlmProvider}. Not thread-safe. */
  public static final class Builder {
    private ProviderConfig config;
    private Clock clock;
    private Sleeper sleeper;

    private Builder() {
    }

    /**
     * @param config key, base URL, model and options for provider {@code openrouter}
     * @return this builder
     */
    public Builder config(ProviderConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * @param clock the time source for {@code Retry-After} dates and the circuit breaker
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @param sleeper waits between retries (tests record instead of waiting)
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * @return the provider
     * @throws IllegalStateException if no config was given
     * @throws IllegalArgumentException if the config is for another provider or an option is invalid
     * @throws dev.vcg.provider.ProviderNotConfiguredException if the config holds no key
     */
    public OpenRouterLlmProvider build() {
      if (config == null) {
        throw new IllegalStateException("config: pass the ProviderConfig of '" + ID + "' (it holds the key)");
      }
      if (!config.providerId().equals(ID)) {
        throw new IllegalArgumentException("config is for provider '" + config.providerId() + "', not '" + ID + "'");
      }
      return new OpenRouterLlmProvider(this, config);
    }
  }
}
