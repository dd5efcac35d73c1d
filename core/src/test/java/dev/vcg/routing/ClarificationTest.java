package dev.vcg.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.GatewayInput;
import dev.vcg.direction.VideoStyle;
import dev.vcg.internal.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClarificationTest {
  private final GatewayInput vague = GatewayInput.ofPrompt("Help me create a video to pitch my startup");
  private final List<Question> questions = Clarification.questionsFor(new InputAnalyzer().analyze(vague));

  @Test
  void asksForWhatIsMissingWithTypedQuestions() {
    assertThat(questions).extracting(Question::id).containsExactly("industry", "audience", "duration", "style", "has_assets");
    assertThat(questions.get(0).type()).isEqualTo(Question.Type.TEXT);
    assertThat(questions.get(1).options()).contains("Investors");
    assertThat(questions.get(3).required()).isFalse();
    assertThat(questions.get(4).type()).isEqualTo(Question.Type.BOOLEAN);
    assertThat(questions.get(4).followUp()).containsKeys("true", "false");
  }

  @Test
  void questionsSurviveJson() throws Exception {
    String json = Json.mapper().writeValueAsString(questions);
    assertThat(json).contains("\"type\":\"select\"").contains("\"required\":true");
    List<Question> back = Json.mapper().readValue(json,
        Json.mapper().getTypeFactory().constructCollectionType(List.class, Question.class));
    assertThat(back).isEqualTo(questions);
  }

  @Test
  void missingRequiredUnknownOptionsAndUnaskedQuestionsAreAllReported() {
    assertThatThrownBy(() -> Clarification.validate(questions,
        Map.of("audience", "Martians", "duration", "30s", "has_assets", "maybe", "colour", "red")))
        .isInstanceOf(InvalidAnswersException.class)
        .satisfies(e -> assertThat(((InvalidAnswersException) e).problems()).hasSize(4))
        .hasMessageContaining("'industry' is required")
        .hasMessageContaining("Martians")
        .hasMessageContaining("'colour' was not asked")
        .hasMessageContaining("yes or no");
  }

  @Test
  void validAnswersEnrichTheRequestAndEndTheVagueness() {
    Map<String, String> answers = Map.of("industry", "FinTech", "audience", "investors", "duration", "90s",
        "style", "Professional", "has_assets", "no");
    GatewayInput enriched = Clarification.enrich(vague, questions, answers);
    assertThat(enriched.durationSeconds()).contains(90);
    assertThat(enriched.style()).contains(VideoStyle.CORPORATE);
    assertThat(enriched.context()).containsEntry("industry", "FinTech").containsEntry("audience", "Investors")
        .containsEntry("has_assets", "false");
    assertThat(enriched.prompt()).contains("FinTech").contains("Investors");
    RoutingDecision next = new Router().route(enriched, true);
    assertThat(next.workflowType()).isNotEqualTo(WorkflowType.INTERACTIVE);
    assertThat(next.analysis().missing()).isEmpty();
  }

  @Test
  void optionalQuestionsMayBeLeftOut() {
    GatewayInput enriched = Clarification.enrich(vague, questions,
        Map.of("industry", "Bakery", "audience", "B2C", "duration", "2+ minutes"));
    assertThat(enriched.durationSeconds()).contains(120);
    assertThat(enriched.style()).isEmpty();
  }

  @Test
  void durationsAreReadInTheirUsualSpellings() {
    assertThat(Clarification.durationSeconds("15s")).contains(15);
    assertThat(Clarification.durationSeconds("60 seconds")).contains(60);
    assertThat(Clarification.durationSeconds("1 min")).contains(60);
    assertThat(Clarification.durationSeconds("soon")).isEmpty();
  }

  @Test
  void gatewayInputRoundTripsThroughJson() throws Exception {
    GatewayInput enriched = Clarification.enrich(vague, questions,
        Map.of("industry", "Bakery", "audience", "B2C", "duration", "30s"));
    String json = Json.mapper().writeValueAsString(enriched);
    assertThat(Json.mapper().readValue(json, GatewayInput.class)).isEqualTo(enriched);
  }

  @Test
  void anEmptyRequestIsRefused() {
    assertThatThrownBy(() -> GatewayInput.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("prompt");
    assertThatThrownBy(() -> GatewayInput.builder().url(java.net.URI.create("ftp://x/"))).isInstanceOf(IllegalArgumentException.class);
  }
}
