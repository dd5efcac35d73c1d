package dev.vcg.direction;

import static dev.vcg.direction.DirectionNormalizerCorpusTest.corpus;
import static dev.vcg.direction.TestPlans.plan;
import static dev.vcg.direction.TestPlans.shots;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcg.cost.Money;
import dev.vcg.cost.Price;
import dev.vcg.cost.PriceBook;
import dev.vcg.internal.Json;
import dev.vcg.provider.ChatMessage;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ProviderError;
import dev.vcg.provider.RateLimitedException;
import dev.vcg.provider.ResponseFormat;
import dev.vcg.provider.TokenUsage;
import dev.vcg.provider.VideoCapabilities;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

class AiDirectorTest {
  static final VideoCapabilities KLING = DirectionNormalizerCorpusTest.KLING;
  static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  static final PriceBook BOOK = PriceBook.builder()
      .price("scripted", "scripted-model-1", Price.perMillionTokens("3", "15")).build();

  /** An offline planner for these tests: three 10 s shots, whatever the input. */
  static final OfflinePlanner THREE_SHOTS = new OfflinePlanner() {
    @Override
    public VideoDirection plan(DirectorInput input, SortedSet<Integer> allowedDurations, long seed) {
      return TestPlans.plan(shots(10, 10), shots(10));
    }
  };

  static DirectorInput input() {
    return DirectorInput.builder().concept("a blacksmith forge revealing a golden emblem").targetDuration(30).build();
  }

  static AiDirector.Builder director(ScriptedLlm llm) {
    return AiDirector.builder().llm(llm).videoCapabilities(KLING).priceBook(BOOK)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).offlinePlanner(THREE_SHOTS);
  }

  static String text(ChatMessage m) {
    return m.text();
  }

  @Test
  void aGoodAnswerBecomesVersionOneWithItsCost() {
    ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.structured()).answer(corpus("prose-and-fence.txt"));
    DirectionResult r = director(llm).seed(42L).build().direct(input());
    assertThat(r.version()).isEqualTo(1);
    assertThat(r.source()).isEqualTo(DirectionSource.LLM);
    assertThat(r.model()).contains("scripted-model-1");
    assertThat(r.direction().title()).isEqualTo("Forge of Light");
    assertThat(r.direction().totalDuration()).isEqualTo(30.0);
    assertThat(r.llmCalls()).isEqualTo(1);
    assertThat(r.repairRounds()).isZero();
    assertThat(r.warnings()).isEmpty();
    assertThat(r.feedback()).isEmpty();
    assertThat(r.createdAt()).isEqualTo(NOW);
    assertThat(r.usage()).isEqualTo(new TokenUsage(1000, 500));
    // 1000 × $3/M + 500 × $15/M
    assertThat(r.llmCost()).isEqualTo(Money.usd("0.0105"));

    ChatRequest sent = llm.requests().get(0);
    assertThat(sent.seed()).contains(42L);
    assertThat(sent.temperature()).contains(0.7);
    assertThat(sent.maxTokens()).contains(8192);
    assertThat(sent.messages()).extracting(ChatMessage::role)
        .containsExactly(ChatMessage.Role.SYSTEM, ChatMessage.Role.USER);
  }

  @Test
  void aProviderReportedCostWinsOverThePriceBook() {
    ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.structured())
        .answer(corpus("valid-plain.json"), "stop", new TokenUsage(10, 10), Money.usd("0.25"));
    assertThat(director(llm).build().direct(input()).llmCost()).isEqualTo(Money.usd("0.25"));
  }

  @Test
  void theSchemaIsSentWhenTheModelSupportsStructuredOutput() throws Exception {
    ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.structured()).answer(corpus("valid-plain.json"));
    director(llm).build().direct(input());
    ResponseFormat format = llm.requests().get(0).responseFormat();
    assertThat(format.type()).isEqualTo(ResponseFormat.Type.JSON_SCHEMA);
    assertThat(format.name()).contains("video_direction");
    assertThat(format.strict()).isTrue();
    JsonNode schema = Json.mapper().readTree(format.schema().orElseThrow());
    JsonNode shot = schema.at("/properties/scenes/items/properties/shots/items");
    assertThat(shot.at("/properties/duration/enum").toString()).isEqualTo("[5,10]");
    assertThat(shot.at("/properties/cameraMove/enum").toString()).contains("\"push_in\"", "\"dolly_right\"");
    assertThat(shot.at("/properties/transitionOut/enum").toString()).contains("\"fade_black\"", "null");
    assertThat(shot.get("additionalProperties").asBoolean()).isFalse();
    List<String> required = new ArrayList<>();
    shot.get("required").forEach(n -> required.add(n.asText()));
    assertThat(required).containsExactlyInAnyOrder("id", "duration", "startPrompt", "endPrompt", "motionPrompt",
        "cameraMove", "lighting", "colorPalette", "transitionIn", "transitionOut");
    assertThat(schema.get("required").toString()).contains("title", "narrative", "totalDuration", "scenes");
  }

  @Test
  void jsonModeOrPlainTextWhenThereIsNoStructuredOutput() {
    ScriptedLlm json = new ScriptedLlm(ScriptedLlm.jsonMode()).answer(corpus("valid-plain.json"));
    director(json).build().direct(input());
    assertThat(json.requests().get(0).responseFormat()).isSameAs(ResponseFormat.JSON_OBJECT);

    ScriptedLlm text = new ScriptedLlm(ScriptedLlm.textOnly()).answer(corpus("prose-and-fence.txt"));
    DirectionResult r = director(text).build().direct(input());
    assertThat(text.requests().get(0).responseFormat()).isSameAs(ResponseFormat.TEXT);
    assertThat(r.direction().shots()).hasSize(3);
  }

  @Test
  void thePromptsCarryTheInputAndTheTechnicalConstraints() {
    ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.structured()).answer(corpus("valid-plain.json"))
        .answer(corpus("valid-plain.json")).answer(corpus("valid-plain.json"));
    DirectorInput in = DirectorInputTest.full().toBuilder().targetDuration(30).build();
    director(llm).build().direct(in);
    List<ChatMessage> messages = llm.requests().get(0).messages();
    String system = messages.get(0).text();
    String user = messages.get(1).text();
    assertThat(system).contains("expert cinematic director", "Narrative structure", "Continuity",
        "Each shot lasts exactly one of these lengths, in whole seconds: 5, 10",
        "must add up to 30 seconds (within ±5 s)", "9:16, a tall vertical frame", "At most 4 scenes.",
        "At most 3 shots per scene.", "push_in", "fade_black", "Return only one JSON object");
    assertThat(user).contains("<user_material>Epic blacksmith forge revealing the Hamza Labs emblem</user_material>",
        "dramatic: high contrast", "Goal: conversion", "colours: #C9A227, black", "call to action: Visit hamzalabs.dev",
        "End on the call to action", "Must show (each in at least one shot's prompts): \"emblem\"",
        "Avoid entirely", "\"blood\"", "Follow the structure and pacing of this template",
        "scene \"S1\" (calm): 5 s push_in → cut; 10 s push_in → cut", "Follow these shot lengths in order",
        "5, 7.5 s", "<user_material>About us: we forge software.</user_material>");
  }

  @Test
  void brokenAnswersAreSentBackForRepairAndTheRoundTripsAreCounted() {
    ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.structured())
        .answer(corpus("truncated.txt"))
        .answer(corpus("negative-duration.json"))
        .answer(corpus("valid-plain.json"));
    DirectionResult r = director(llm).build().direct(input());
    assertThat(llm.requests()).hasSize(3);
    assertThat(r.llmCalls()).isEqualTo(3);
    assertThat(r.repairRounds()).isEqualTo(2);
    assertThat(r.usage()).isEqualTo(new TokenUsage(3000, 1500));
    assertThat(r.llmCost()).isEqualTo(Money.usd("0.0315"));

    List<ChatMessage> second = llm.requests().get(1).messages();
    assertThat(second).hasSize(4);
    assertThat(second.get(2).role()).isEqualTo(ChatMessage.Role.ASSISTANT);
    assertThat(second.get(2).text()).isEqualTo(corpus("truncated.txt"));
    assertThat(second.get(3).text()).startsWith("Your plan cannot be used yet. Fix these problems:")
        .contains("the JSON is cut off").contains("Return the complete corrected plan");
    List<ChatMessage> third = llm.requests().get(2).messages();
    assertThat(third).hasSize(6);
    assertThat(third.get(5).text()).contains("shot 2 (scenes[0].shots[1]): duration -5 is not positive");
  }

  @Test
  void anAnswerStillBrokenAfterTwoRepairRoundsIsATypedErrorWithTheRawOutput() {
    ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.structured())
        .answer(corpus("zero-scenes.json")).answer(corpus("only-prose.txt")).answer(corpus("missing-prompts.json"));
    assertThatThrownBy(() -> director(llm).build().direct(input()))
        .isInstanceOfSatisfying(InvalidPlanException.class, e -> {
          assertThat(e.repairRounds()).isEqualTo(2);
          assertThat(e.rawOutput()).isEqualTo(corpus("missing-prompts.json"));
          assertThat(e.errors()).containsExactly(
              "shot 3 (scenes[1].shots[0]) has no \"endPrompt\": give a detailed image prompt for the last frame",
              "shot 3 (scenes[1].shots[0]) has no \"motionPrompt\": give what moves between the first and last frame");
          assertThat(e.getMessage()).startsWith("The director's plan is invalid after 2 repair rounds: shot 3")
              .contains("choose a stronger model");
          assertThat(e).isInstanceOf(dev.vcg.VcgException.class);
        });
    assertThat(llm.requests()).hasSize(3);
  }

  @Test
  void repairRoundsAreConfigurable() {
    ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.structured()).answer(corpus("zero-scenes.json"));
    assertThatThrownBy(() -> director(llm).maxRepairRounds(0).build().direct(input()))
        .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.repairRounds()).isZero());
    assertThat(llm.requests()).hasSize(1);
  }

  @Test
  void aTruncatedAnswerAtTheTokenLimitAsksForShorterPrompts() {
    ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.structured())
        .answer(corpus("truncated.txt"), "length", new TokenUsage(1000, 8192), null)
        .answer(corpus("valid-plain.json"));
    director(llm).build().direct(input());
    assertThat(llm.requests().get(1).messages().get(3).text())
        .contains("the answer stopped at the token limit: write shorter prompts");
  }

  @Test
  void ruleViolationsAreRepairedWhenTheModelCan() {
    DirectorInput in = input().toBuilder().constraints(DirectorConstraints.builder().maxScenes(1).build()).build();
    ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.structured())
        .answer(corpus("valid-plain.json")).answer(corpus("flat-shots.json"));
    DirectionResult r = director(llm).build().direct(in);
    assertThat(r.repairRounds()).isEqualTo(1);
    assertThat(llm.requests().get(1).messages().get(3).text())
        .contains("the plan has 2 scenes; at most 1 are allowed: merge or remove scenes");
    assertThat(r.direction().scenes()).hasSize(1);
    assertThat(r.warnings()).noneMatch(w -> w.startsWith("not repaired"));
  }

  @Test
  void ruleViolationsTheModelDoesNotRepairAreAcceptedWithTheMechanicalFixAndWarnings() {
    DirectorInput in = input().toBuilder().constraints(DirectorConstraints.builder().maxScenes(1).build()).build();
    ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.structured())
        .answer(corpus("valid-plain.json")).answer(corpus("valid-plain.json")).answer(corpus("valid-plain.json"));
    DirectionResult r = director(llm).build().direct(in);
    assertThat(r.repairRounds()).isEqualTo(2);
    assertThat(r.direction().scenes()).hasSize(1);
    assertThat(r.warnings()).contains("not repaired: the plan has 2 scenes; at most 1 are allowed: merge or remove scenes");
  }

  @Test
  void normalisationWarningsReachTheResult() {
    ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.structured()).answer(corpus("forty-second-shots.json"));
    DirectionResult r = director(llm).build().direct(input());
    assertThat(r.warnings()).hasSize(3).allSatisfy(w -> assertThat(w).contains("snapped to 10 s"));
    assertThat(r.repairRounds()).isZero();
  }

  @Test
  void providerFailuresPropagateUnlessOfflineFallbackIsOn() {
    ProviderError error = ProviderError.of("scripted", "rate limited");
    ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.structured())
        .fail(() -> new RateLimitedException(error, Duration.ofSeconds(3), null));
    assertThatThrownBy(() -> director(llm).build().direct(input())).isInstanceOf(RateLimitedException.class);

    ScriptedLlm again = new ScriptedLlm(ScriptedLlm.structured())
        .fail(() -> new RateLimitedException(error, Duration.ofSeconds(3), null));
    DirectionResult r = director(again).offlineFallback(true).build().direct(input());
    assertThat(r.source()).isEqualTo(DirectionSource.OFFLINE);
    assertThat(r.llmCalls()).isZero();
    assertThat(r.warnings().get(0)).startsWith("planned offline by rules: the language model failed");
    assertThat(r.direction().shots()).hasSize(3);
  }

  @Test
  void withoutALanguageModelTheOfflinePlannerPlans() {
    AiDirector d = AiDirector.builder().offlinePlanner(THREE_SHOTS).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    DirectionResult r = d.direct(input());
    assertThat(r.source()).isEqualTo(DirectionSource.OFFLINE);
    assertThat(r.model()).isEmpty();
    assertThat(r.llmCost()).isEqualTo(Money.ZERO);
    assertThat(r.warnings()).containsExactly("planned offline by rules: no language model is configured");
    assertThat(r.direction().totalDuration()).isEqualTo(30.0);
    assertThat(d.llm()).isEmpty();
  }

  @Test
  void refineMakesTheNextVersionFromTheCurrentPlanAndTheFeedback() {
    ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.structured())
        .answer(corpus("valid-plain.json")).answer(TestPlans.json(plan(shots(10, 10), shots(10, 10))));
    AiDirector d = director(llm).build();
    DirectionHistory h = DirectionHistory.of(d.direct(input()));
    h = d.refine(h, "Make the forge scene longer: 10 seconds longer, with more close-ups of the anvil");
    assertThat(h.size()).isEqualTo(2);
    DirectionResult v2 = h.latest();
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.feedback()).contains("Make the forge scene longer: 10 seconds longer, with more close-ups of the anvil");
    assertThat(v2.input().targetDuration()).isEqualTo(40.0);
    assertThat(v2.direction().totalDuration()).isEqualTo(40.0);
    assertThat(v2.warnings()).contains("target duration changed from 30 s to 40 s as the feedback asks");
    assertThat(h.version(1).orElseThrow().direction().title()).isEqualTo("Forge of Light");
    assertThat(h.version(1).orElseThrow().input().targetDuration()).isEqualTo(30.0);

    List<ChatMessage> sent = llm.requests().get(1).messages();
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0).text()).contains("must add up to 40 seconds");
    assertThat(sent.get(1).text()).contains("Here is the current plan (version 1):", "\"title\":\"Forge of Light\"",
        "<user_material>Make the forge scene longer", "the target duration is now 40 seconds");
  }

  @Test
  void refiningOfflineKeepsVersionsToo() {
    AiDirector d = AiDirector.builder().offlinePlanner(THREE_SHOTS).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    DirectionResult v1 = d.direct(input());
    DirectionResult v2 = d.refine(v1, "make it more playful");
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.input().style()).contains(VideoStyle.PLAYFUL);
    assertThat(v2.warnings()).containsSubsequence("refined offline by rules: no language model is configured",
        "style changed to playful as the feedback asks");
    assertThatThrownBy(() -> d.refine(v1, "  ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resultsAndHistoriesRoundTripThroughJson() throws Exception {
    ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.structured())
        .answer(corpus("forty-second-shots.json")).answer(corpus("valid-plain.json"));
    AiDirector d = director(llm).build();
    DirectionHistory h = d.refine(DirectionHistory.of(d.direct(input())), "make it 30 seconds");
    String json = Json.mapper().writeValueAsString(h);
    assertThat(json).contains("\"versions\"", "\"source\":\"llm\"", "\"llmCost\":0.0105", "\"version\":2",
        "\"feedback\":\"make it 30 seconds\"");
    DirectionHistory back = Json.mapper().readValue(json, DirectionHistory.class);
    assertThat(back).isEqualTo(h);
    assertThat(back.latest().createdAt()).isEqualTo(NOW);
  }

  @Test
  void historiesOnlyGrowByTheNextVersion() {
    AiDirector d = AiDirector.builder().offlinePlanner(THREE_SHOTS).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    DirectionResult v1 = d.direct(input());
    DirectionHistory h = DirectionHistory.of(v1);
    assertThatThrownBy(() -> h.with(v1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 1 cannot follow version 1");
    assertThatThrownBy(() -> DirectionHistory.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    DirectionHistory two = h.with(v1.toBuilder().version(2).build());
    assertThat(two.versions()).extracting(DirectionResult::version).containsExactly(1, 2);
    assertThat(h.size()).isEqualTo(1);
    assertThat(two.version(3)).isEmpty();
  }

  @Test
  void theBuilderChecksItsArguments() {
    DirectionResult offline = AiDirector.builder().build().direct(input());
    assertThat(offline.source()).isEqualTo(DirectionSource.OFFLINE);
    assertThat(offline.direction().totalDuration()).isBetween(25.0, 35.0);
    assertThatThrownBy(() -> AiDirector.builder().maxRepairRounds(6)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AiDirector.builder().temperature(2.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AiDirector.builder().maxTokens(10)).isInstanceOf(IllegalArgumentException.class);
    assertThat(AiDirector.builder().offlinePlanner(THREE_SHOTS).build().allowedDurations())
        .isEqualTo(DirectionNormalizer.DEFAULT_SHOT_SECONDS);
    assertThat(AiDirector.builder().offlinePlanner(THREE_SHOTS).videoCapabilities(KLING).build().toString())
        .contains("offline", "[5, 10]");
  }

  @Test
  void feedbackHintsReadLengthAndStyleRequests() {
    assertThat(FeedbackHints.target(30, "make it 45 seconds")).contains(45.0);
    assertThat(FeedbackHints.target(30, "Cut it down to 20s please")).contains(20.0);
    assertThat(FeedbackHints.target(30, "a 2 minute version")).contains(120.0);
    assertThat(FeedbackHints.target(30, "10 seconds shorter")).contains(20.0);
    assertThat(FeedbackHints.target(30, "make it a bit longer")).contains(37.5);
    assertThat(FeedbackHints.target(30, "more close-ups of the Arabic engraving")).isEmpty();
    assertThat(FeedbackHints.apply(input(), "more close-ups").changes()).isEmpty();
    assertThat(FeedbackHints.apply(input(), "go minimalist").input().style()).contains(VideoStyle.MINIMAL);
  }
}
