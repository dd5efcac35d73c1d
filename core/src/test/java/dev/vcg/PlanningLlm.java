package dev.vcg;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vcg.cost.Money;
import dev.vcg.direction.DirectorInput;
import dev.vcg.internal.Json;
import dev.vcg.local.RulePlanner;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ChatResponse;
import dev.vcg.provider.LlmCapabilities;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.TokenUsage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A language model that answers every planning request with a valid plan (written by the rule
 * planner for a fixed concept, as JSON), reports a cost, and counts its calls.
 */
final class PlanningLlm implements LlmProvider {
  private final String id;
  private final Money costPerCall;
  private final double seconds;
  private final AtomicInteger calls = new AtomicInteger();

  PlanningLlm(String id, Money costPerCall, double seconds) {
    this.id = id;
    this.costPerCall = costPerCall;
    this.seconds = seconds;
  }

  int calls() {
    return calls.get();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String model() {
    return "planner-1";
  }

  @Override
  public LlmCapabilities capabilities() {
    return new LlmCapabilities(false, true, false, 0);
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    calls.incrementAndGet();
    DirectorInput input = DirectorInput.builder().concept("a lighthouse at dawn").targetDuration(seconds).build();
    try {
      String json = Json.mapper().writeValueAsString(RulePlanner.create().plan(input, 7));
      return new ChatResponse(json, model(), "stop", new TokenUsage(2000, 1500), costPerCall, "req-" + calls.get());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
