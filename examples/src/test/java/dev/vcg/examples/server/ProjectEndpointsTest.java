package dev.vcg.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcg.examples.server.TestServer.Event;
import dev.vcg.examples.server.TestServer.EventLog;
import dev.vcg.examples.server.TestServer.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's project endpoints over real HTTP, on an offline gateway: plan, review, approve, spend. */
class ProjectEndpointsTest {
  private static final String PROJECTS = "/api/projects";

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

  static String create(String extra) {
    Response r = s.post(PROJECTS, "{\"name\": \"Forge\", \"concept\": \"A blacksmith forge revealing an emblem with "
        + "fire and molten gold\", \"style\": \"cinematic\", \"targetDuration\": 10, \"aspectRatio\": \"16:9\", "
        + "\"quality\": \"draft\"" + extra + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("id").asText();
  }

  @Test
  void theLifecycleGoesFromCreateThroughDirectRefineApproveToGenerateWithItsCost() {
    Response created = s.post(PROJECTS, "{\"name\": \"Forge\", \"concept\": \"A blacksmith forge revealing an emblem "
        + "with fire and molten gold\", \"style\": \"cinematic\", \"targetDuration\": 10, \"aspectRatio\": \"16:9\", "
        + "\"quality\": \"draft\", \"config\": {\"compile\": {\"provider\": \"none\"}}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode p = created.json();
    String id = p.path("id").asText();
    assertThat(created.headers().firstValue("Location")).contains(PROJECTS + "/" + id);
    assertThat(p.path("status").asText()).isEqualTo("created");
    assertThat(p.path("style").asText()).isEqualTo("cinematic");
    assertThat(p.path("targetDuration").asDouble()).isEqualTo(10.0);
    assertThat(p.path("aspectRatio").asText()).isEqualTo("16:9");
    assertThat(p.path("next").asText()).contains("/direct");
    String self = PROJECTS + "/" + id;

    // Nothing to show or make before a plan exists.
    Response noPlan = s.get(self + "/direction");
    assertThat(noPlan.status()).isEqualTo(409);
    assertThat(noPlan.json().path("error").path("type").asText()).isEqualTo("wrong_state");
    assertThat(noPlan.json().path("error").path("message").asText()).contains("direct");
    assertThat(s.post(self + "/approve").status()).isEqualTo(409);
    assertThat(s.post(self + "/refine", "{\"feedback\": \"longer\"}").status()).isEqualTo(409);
    assertThat(s.get(self + "/events").status()).isEqualTo(409);

    Response directed = s.post(self + "/direct");
    assertThat(directed.status()).as(directed.body()).isEqualTo(200);
    JsonNode d = directed.json();
    assertThat(d.path("projectId").asText()).isEqualTo(id);
    assertThat(d.path("version").asInt()).isEqualTo(1);
    assertThat(d.path("approved").asBoolean()).isFalse();
    assertThat(d.path("title").asText()).isNotBlank();
    assertThat(d.path("scenes").size()).isPositive();
    assertThat(d.path("scenes").get(0).path("shots").get(0).path("startPrompt").asText()).isNotBlank();
    assertThat(d.path("estimatedCost").path("total").isNumber()).isTrue();
    assertThat(d.path("estimatedCost").path("breakdown").path("videoCount").asInt()).isPositive();

    // The review-before-spend gate: no generating an unapproved plan.
    Response early = s.post(self + "/generate");
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.json().path("error").path("type").asText()).isEqualTo("wrong_state");
    assertThat(early.json().path("error").path("projectStatus").asText()).isEqualTo("directed");
    assertThat(early.json().path("error").path("message").asText()).contains("approve");

    Response blank = s.post(self + "/refine", "{\"feedback\": \"  \"}");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.json().path("error").path("message").asText()).contains("feedback is required");
    Response refined = s.post(self + "/refine", "{\"feedback\": \"Make the ignition longer, more close-ups\"}");
    assertThat(refined.status()).as(refined.body()).isEqualTo(200);
    assertThat(refined.json().path("version").asInt()).isEqualTo(2);
    assertThat(refined.json().path("feedback").asText()).contains("ignition");
    assertThat(refined.json().path("versions").size()).isEqualTo(2);
    assertThat(s.get(self + "/direction").json().path("version").asInt()).isEqualTo(2);

    Response approved = s.post(self + "/approve");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().path("status").asText()).isEqualTo("approved");
    assertThat(approved.json().path("direction").path("approvedVersion").asInt()).isEqualTo(2);
    assertThat(s.get(self + "/direction").json().path("approved").asBoolean()).isTrue();
    Response locked = s.post(self + "/refine", "{\"feedback\": \"shorter\"}");
    assertThat(locked.status()).isEqualTo(409);
    assertThat(locked.json().path("error").path("message").asText()).contains("locked");
    assertThat(s.post(self + "/approve").status()).isEqualTo(409);

    Response started = s.post(self + "/generate");
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String workflowId = started.json().path("workflowId").asText();
    assertThat(workflowId).startsWith(id);
    assertThat(started.json().path("links").path("events").asText()).isEqualTo(self + "/events");

    EventLog log = s.events(self + "/events");
    assertThat(log.status).isEqualTo(200);
    assertThat(log.last().event()).as(log.raw.toString()).isEqualTo("complete");
    List<Event> progress = log.named("progress");
    assertThat(progress).isNotEmpty();
    List<Double> fractions = progress.stream().map(e -> e.json().path("progress").asDouble()).toList();
    for (int i = 1; i < fractions.size(); i++) {
      assertThat(fractions.get(i)).as("progress %s", fractions).isGreaterThanOrEqualTo(fractions.get(i - 1));
    }
    assertThat(log.last().json().path("video").path("path").asText()).endsWith(".mp4");

    JsonNode done = s.get(self).json();
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(Path.of(done.path("video").path("path").asText())).isRegularFile();
    assertThat(done.path("video").path("durationSeconds").asDouble()).isPositive();
    assertThat(s.get("/api/gateway/video/" + workflowId).json().path("status").asText()).isEqualTo("completed");
    Response again = s.post(self + "/generate");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("error").path("projectStatus").asText()).isEqualTo("completed");

    JsonNode cost = s.get(self + "/cost").json();
    assertThat(cost.path("projectId").asText()).isEqualTo(id);
    assertThat(cost.path("currency").asText()).isEqualTo("USD");
    assertThat(cost.path("estimated").path("breakdown").path("videoCount").asInt()).isPositive();
    assertThat(cost.path("actual").path("total").decimalValue()).isZero();
    assertThat(cost.path("actual").path("entries").isArray()).isTrue();
    assertThat(cost.path("actual").has("videos")).isTrue();

    assertThat(s.get(PROJECTS).json().path("projects").findValuesAsText("id")).contains(id);
  }

  @Test
  void withFrameReviewGenerationStopsWithTheStillsAndTheCostToAnimateUntilApproved() {
    String id = create(", \"autoApprove\": true, \"reviewFrames\": true");
    String self = PROJECTS + "/" + id;

    // Auto-approve: generate plans and approves by itself.
    Response started = s.post(self + "/generate");
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    EventLog stills = s.events(self + "/events");
    assertThat(stills.last().event()).as(stills.raw.toString()).isEqualTo("clarification_needed");

    JsonNode waiting = s.get(self).json();
    assertThat(waiting.path("status").asText()).isEqualTo("awaiting_approval");
    assertThat(waiting.path("direction").path("approvedVersion").asInt()).isEqualTo(1);
    JsonNode frames = waiting.path("review").path("frames");
    assertThat(frames.size()).isPositive();
    assertThat(Path.of(frames.get(0).path("path").asText())).isRegularFile();
    assertThat(waiting.path("review").has("costToAnimate")).isTrue();
    assertThat(s.get(self + "/cost").json().has("toAnimate")).isTrue();
    Response generateAgain = s.post(self + "/generate");
    assertThat(generateAgain.status()).isEqualTo(409);
    assertThat(generateAgain.json().path("error").path("projectStatus").asText()).isEqualTo("awaiting_approval");

    Response go = s.post(self + "/approve");
    assertThat(go.status()).as(go.body()).isEqualTo(202);
    assertThat(go.json().path("message").asText()).contains("stills are approved");
    EventLog clips = s.events(self + "/events");
    assertThat(clips.last().event()).as(clips.raw.toString()).isEqualTo("complete");
    assertThat(s.get(self).json().path("status").asText()).isEqualTo("completed");
  }

  @Test
  void unknownProjectsAre404OnEveryEndpoint() {
    String self = PROJECTS + "/no-such-project";
    for (Response r : List.of(s.get(self), s.get(self + "/direction"), s.get(self + "/cost"), s.get(self + "/events"),
        s.post(self + "/direct"), s.post(self + "/refine", "{\"feedback\": \"x\"}"), s.post(self + "/approve"),
        s.post(self + "/generate"), s.send(java.net.http.HttpRequest.newBuilder(s.uri(self)).DELETE().build()))) {
      assertThat(r.status()).as(r.body()).isEqualTo(404);
      assertThat(r.json().path("error").path("type").asText()).isEqualTo("not_found");
      assertThat(r.json().path("error").path("message").asText()).contains("no-such-project");
    }
  }

  @Test
  void badProjectsAreRefusedWithTheFieldAtFault() {
    assertError(s.post(PROJECTS, "{\"name\": \"x\"}"), 400, "invalid_input", "concept is required");
    assertError(s.post(PROJECTS, "{\"concept\": \"a cat\", \"style\": \"baroque-noir\"}"), 400, "invalid_input",
        "baroque-noir");
    assertError(s.post(PROJECTS, "{\"concept\": \"a cat\", \"targetDuration\": -3}"), 400, "invalid_input",
        "targetDuration");
    assertError(s.post(PROJECTS, "{\"concept\": \"a cat\", \"aspectRatio\": \"wide\"}"), 400, "invalid_input", "wide");
    assertError(s.post(PROJECTS, "{\"concept\": \"a cat\", \"colour\": \"red\"}"), 400, "invalid_input", "colour");
    assertError(s.post(PROJECTS, "{\"concept\": \"a cat\", \"config\": {\"audio\": {\"provider\": \"suno\"}}}"), 400,
        "invalid_input", "config.audio");
    assertError(s.post(PROJECTS, "{\"concept\": \"a cat\", \"config\": {\"video\": {\"model\": \"x\"}}}"), 400,
        "invalid_input", "config.video.provider is required");
    assertError(s.post(PROJECTS, "{\"concept\": \"a cat\", \"config\": {\"compile\": {\"provider\": \"shotstack\"}}}"),
        400, "invalid_input", "compile");
    Response unknownProvider = s.post(PROJECTS, "{\"concept\": \"a cat\", \"config\": {\"video\": "
        + "{\"provider\": \"fal-kling\"}}}");
    assertThat(unknownProvider.status()).as(unknownProvider.body()).isEqualTo(400);
    assertThat(unknownProvider.json().path("error").path("message").asText()).contains("fal-kling");
    assertError(s.post(PROJECTS, "{\"concept\": "), 400, "invalid_json", "not valid JSON");
    assertError(s.post(PROJECTS, "{\"concept\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}"), 413, "payload_too_large",
        "larger than");
    String id = create("");
    assertError(s.post(PROJECTS + "/" + id + "/refine", "{\"feedback\": 42}"), 400, "invalid_request",
        "feedback must be a string");
  }

  private static void assertError(Response r, int status, String type, String message) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).isEqualTo("application/json; charset=utf-8");
    assertThat(r.json().path("error").path("type").asText()).as(r.body()).isEqualTo(type);
    assertThat(r.json().path("error").path("message").asText()).as(r.body()).contains(message);
    assertThat(r.body()).doesNotContain("\tat ").doesNotContain("Exception:");
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
