package dev.vcg.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcg.examples.server.TestServer.EventLog;
import dev.vcg.examples.server.TestServer.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's interactive workflow over HTTP: a vague request is answered with typed questions and
 * a workflow id; rejected answers are a 400 with every problem and the workflow still waits;
 * good answers give the plan.
 */
class InteractiveEndpointsTest {
  private static final String VAGUE = "{\"input\": {\"prompt\": \"Help me create a video to pitch my startup\"}, "
      + "\"options\": {\"interactive\": true}}";

  @TempDir
  static Path dir;
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.start(dir);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void questionsThenRejectedAnswersKeepTheStateThenGoodAnswersGiveThePlan() {
    Response asked = s.post("/api/gateway/video/create", VAGUE);

    assertThat(asked.status()).as(asked.body()).isEqualTo(200);
    JsonNode q = asked.json();
    assertThat(q.path("status").asText()).isEqualTo("clarification_needed");
    String id = q.path("workflowId").asText();
    assertThat(id).isNotBlank();
    List<String> ids = new ArrayList<>();
    q.path("questions").forEach(n -> ids.add(n.path("id").asText()));
    assertThat(ids).contains("industry", "audience", "duration");
    JsonNode audience = find(q.path("questions"), "audience");
    assertThat(audience.path("type").asText()).isEqualTo("select");
    assertThat(audience.path("options").toString()).contains("Investors");
    assertThat(audience.path("required").asBoolean()).isTrue();
    assertThat(find(q.path("questions"), "industry").path("question").asText()).isNotBlank();
    assertThat(s.get("/api/gateway/video/" + id).json().path("status").asText()).isEqualTo("suspended");

    // Answers the workflow cannot take: 400 with each problem; the questions still stand.
    Response wrong = s.post("/api/gateway/video/continue", "{\"workflowId\": \"" + id + "\", \"answers\": "
        + "{\"industry\": \"FinTech\", \"audience\": \"Martians\", \"duration\": \"30s\"}}");
    assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
    assertThat(wrong.json().path("error").path("type").asText()).isEqualTo("invalid_answers");
    assertThat(wrong.json().path("error").path("problems").toString()).contains("audience");
    assertThat(wrong.json().path("workflowId").asText()).isEqualTo(id);
    assertThat(wrong.json().path("questions").size()).isEqualTo(q.path("questions").size());
    Response missing = s.post("/api/gateway/video/continue", "{\"workflowId\": \"" + id + "\", \"answers\": "
        + "{\"industry\": \"FinTech\"}}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("error").path("problems").toString()).contains("audience").contains("duration");
    assertThat(s.get("/api/gateway/video/" + id).json().path("status").asText()).isEqualTo("suspended");

    // The question's stream ends with the question.
    EventLog asking = s.events("/api/gateway/video/" + id + "/events");
    assertThat(asking.last().event()).isEqualTo("clarification_needed");

    Response done = s.post("/api/gateway/video/continue", "{\"workflowId\": \"" + id + "\", \"answers\": "
        + "{\"industry\": \"FinTech\", \"audience\": \"Investors\", \"duration\": \"30s\", \"style\": "
        + "\"Professional\", \"has_assets\": false}}");
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json().path("status").asText()).isEqualTo("success");
    assertThat(done.json().path("workflowId").asText()).isEqualTo(id);
    assertThat(done.json().path("workflowType").asText()).isEqualTo("INTERACTIVE");
    assertThat(done.json().path("videoPlan").path("scenes").size()).isPositive();
    assertThat(done.json().path("videoPlan").path("totalDuration").asDouble()).isBetween(25.0, 35.0);
    assertThat(s.get("/api/gateway/video/" + id).json().path("status").asText()).isEqualTo("completed");
    assertThat(s.post("/api/gateway/video/continue", "{\"workflowId\": \"" + id + "\", \"answers\": {}}").status())
        .isEqualTo(409);
  }

  private static JsonNode find(JsonNode questions, String id) {
    for (JsonNode n : questions) {
      if (n.path("id").asText().equals(id)) {
        return n;
      }
    }
    throw new AssertionError("no question " + id + " in " + questions);
  }
}
