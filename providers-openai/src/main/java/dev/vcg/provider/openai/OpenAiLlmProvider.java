package dev.vcg.provider.openai;

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
import dev.vcg.provider.http.CallOptions;
import dev.vcg.provider.http.JsonResponse;
import dev.vcg.provider.http.ProviderHttpClient;
import dev.vcg.provider.http.Sleeper;
import dev.vcg.provider.openai.internal.ChatBody;
import dev.vcg.provider.openai.internal.ChatCompletion;
import dev.vcg.provider.openai.internal.OpenAiModels;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chat completions with OpenAI ({@code POST /chat/completions}): text, JSON mode, structured
 * output ({@code json_schema} with {@code strict}), and images in messages (URLs as they are,
 * local files and bytes as {@code data:} URIs). The token limit is sent as
 * {@code max_completion_tokens}; any other field goes through {@link ChatRequest#extraParameters()}.
 * Fallback models are not an OpenAI feature and are ignored.
 *
 * <p>A refusal ({@code message.refusal}) or an answer withheld by the content filter is a
 * {@link ContentPolicyException}; an answer cut by the token limit is returned with
 * {@code finish_reason} {@code length} ({@link ChatResponse#truncated()}). OpenAI reports tokens,
 * not money: {@link ChatResponse#actualCost()} is the tokens priced with the list prices of
 * {@link OpenAiProviderFactory#models()} (an upper bound: cached-input discounts are not applied),
 * empty for models without a listed price. {@link ChatResponse#requestId()} is the
 * {@code x-request-id} header.
 *
 * <p>Settings: see {@link OpenAiProviderFactory} (options {@code organization}, {@code project},
 * {@code llm-model}, {@code image-detail}). Immutable and thread-safe.
 *
 * <pre>{@code
 * LlmProvider llm = OpenAiLlmProvider.builder()
 *     .config(ProviderConfig.builder("openai").apiKey(ApiKey.of(key)).model("gpt-4o-mini").build())
 *     .build();
 * }</pre>
 */
public final class OpenAiLlmProvider implements LlmProvider {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAiLlmProvider.class);
  private static final Set<String> DETAILS = Set.of("auto", "low", "high");
  private static final int MAX_REFUSAL = 500;

  private final ProviderHttpClient http;
  private final String model;
  private final LlmCapabilities capabilities;
  private final String imageDetail;

  private OpenAiLlmProvider(Builder b) {
    ProviderConfig config = b.config;
    this.model = OpenAiSettings.chatModel(config);
    this.capabilities = OpenAiModels.chatCapabilities(model);
    this.imageDetail = OpenAiSettings.choice(config, OpenAiProviderFactory.OPTION_IMAGE_DETAIL, DETAILS);
    this.http = OpenAiSettings.http(config, b.clock, b.sleeper, Duration.ofMinutes(3));
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return OpenAiProviderFactory.ID;
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
   * Sends the chat to OpenAI.
   *
   * @param request a request that passed the capability check
   * @return the answer
   * @throws dev.vcg.InvalidInputException if a schema is not valid JSON or an image cannot be read
   *     (before any call)
   * @throws ContentPolicyException if the model refused or the content filter withheld the answer
   * @throws ProviderException for any other failure, typed by cause
   */
  @Override
  public ChatResponse doChat(ChatRequest request) {
    Objects.requireNonNull(request, "request");
    String asked = request.model().orElse(model);
    if (!request.fallbackModels().isEmpty()) {
      LOG.debug("[openai] fallback models {} ignored: OpenAI has no model fallback", request.fallbackModels());
    }
    ObjectNode body = ChatBody.of(asked, request, imageDetail);
    JsonResponse<ChatCompletion> response = http.send("POST", "/chat/completions", body, ChatCompletion.class,
        CallOptions.defaults());
    ChatCompletion c = response.body();
    String requestId = response.requestId().orElse(c.id());
    String answeredBy = c.model() != null ? c.model() : asked;
    if (c.choices() == null || c.choices().isEmpty() || c.choices().get(0) == null) {
      throw new ProviderException(new ProviderError(id(), response.statusCode(), requestId, "no_choices",
          "the answer of model " + answeredBy + " holds no choices; try again", null), false, null);
    }
    ChatCompletion.Choice choice = c.choices().get(0);
    ChatCompletion.Message message = choice.message();
    String content = message == null || message.content() == null ? "" : message.content();
    if (content.isEmpty() && message != null && message.refusal() != null && !message.refusal().isBlank()) {
      throw new ContentPolicyException(new ProviderError(id(), response.statusCode(), requestId, "refusal",
          "model " + answeredBy + " refused: " + abbreviate(message.refusal()) + "; change the request", null), null);
    }
    if (content.isEmpty() && "content_filter".equals(choice.finishReason())) {
      throw new ContentPolicyException(new ProviderError(id(), response.statusCode(), requestId, "content_filter",
          "the answer of model " + answeredBy + " was withheld by the content filter; change the request", null),
          null);
    }
    ChatCompletion.Usage u = c.usage();
    TokenUsage usage = u == null ? TokenUsage.NONE
        : new TokenUsage(nonNegative(u.promptTokens()), nonNegative(u.completionTokens()));
    Money cost = u == null ? null : OpenAiModels.chatPrice(asked).or(() -> OpenAiModels.chatPrice(answeredBy))
        .map(p -> p.forTokens(usage)).orElse(null);
    LOG.debug("[openai] {} answered (request {}): {} prompt + {} completion tokens, list-price cost {}, finish {}",
        answeredBy, requestId, usage.inputTokens(), usage.outputTokens(), cost, choice.finishReason());
    return new ChatResponse(content, answeredBy, choice.finishReason(), usage, cost, requestId);
  }

  @Override
  public String toString() {
    return "OpenAiLlmProvider[model=" + model + ", baseUrl=" + http.baseUrl() + "]";
  }

  private static long nonNegative(Long v) {
    return v == null || v < 0 ? 0 : v;
  }

  private static String abbreviate(String s) {
    String one = s.strip().replace('\r', ' ').replace('\n', ' ');
    return one.length() > MAX_REFUSAL ? one.substring(0, MAX_REFUSAL) + "…" : one;
  }

  /** Builds an {@link OpenAiLlmProvider}. Not thread-safe. */
  public static final class Builder {
    private ProviderConfig config;
    private Clock clock;
    private Sleeper sleeper;

    private Builder() {
    }

    /**
     * @param config key, base URL, model and options for provider {@code openai}
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
    public OpenAiLlmProvider build() {
      if (config == null) {
        throw new IllegalStateException("config: pass the ProviderConfig of 'openai' (it holds the key)");
      }
      OpenAiSettings.checkConfig(config);
      return new OpenAiLlmProvider(this);
    }
  }
}
