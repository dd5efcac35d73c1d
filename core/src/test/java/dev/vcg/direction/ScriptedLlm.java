package dev.vcg.direction;

import dev.vcg.cost.Money;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ChatResponse;
import dev.vcg.provider.LlmCapabilities;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.TokenUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * A language model provider that answers from a script, in order, and records every request it
 * receives. A real {@link LlmProvider} implementation: requests go through the SPI's capability
 * check before reaching {@link #doChat}.
 */
final class ScriptedLlm implements LlmProvider {
  record Answer(String content, String finishReason, TokenUsage usage, Money cost, Supplier<ProviderException> failure) {
  }

  private final String id;
  private final String model;
  private final LlmCapabilities capabilities;
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<ChatRequest> requests = new ArrayList<>();

  ScriptedLlm(LlmCapabilities capabilities) {
    this("scripted", "scripted-model-1", capabilities);
  }

  ScriptedLlm(String id, String model, LlmCapabilities capabilities) {
    this.id = id;
    this.model = model;
    this.capabilities = capabilities;
  }

  static LlmCapabilities structured() {
    return new LlmCapabilities(false, true, true, 0);
  }

  static LlmCapabilities jsonMode() {
    return new LlmCapabilities(false, true, false, 0);
  }

  static LlmCapabilities textOnly() {
    return new LlmCapabilities(false, false, false, 0);
  }

  synchronized ScriptedLlm answer(String content) {
    script.add(new Answer(content, "stop", new TokenUsage(1000, 500), null, null));
    return this;
  }

  synchronized ScriptedLlm answer(String content, String finishReason, TokenUsage usage, Money cost) {
    script.add(new Answer(content, finishReason, usage, cost, null));
    return this;
  }

  synchronized ScriptedLlm fail(Supplier<ProviderException> failure) {
    script.add(new Answer(null, null, null, null, failure));
    return this;
  }

  synchronized List<ChatRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public LlmCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public synchronized ChatResponse doChat(ChatRequest request) {
    requests.add(request);
    Answer a = script.poll();
    if (a == null) {
      throw new AssertionError("the script has no answer for request " + requests.size());
    }
    if (a.failure() != null) {
      throw a.failure().get();
    }
    return new ChatResponse(a.content(), model, a.finishReason(), a.usage(), a.cost(), "req-" + requests.size());
  }
}
