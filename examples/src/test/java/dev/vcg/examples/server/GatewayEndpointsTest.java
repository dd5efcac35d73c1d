package dev.vcg.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcg.examples.server.TestServer.Event;
import dev.vcg.examples.server.TestServer.EventLog;
import dev.vcg.examples.server.TestServer.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's gateway endpoints over real HTTP, on an offline gateway. */
class GatewayEndpointsTest {
  private static final String CREATE = "/api/gateway/video/create";
  private static final String PLAN = "{\"input\": {\"type\": \"text\", \"prompt\": \"Create a video about renewable "
      + "energy\", \"duration\": 20}, \"options\": {\"quality\": \"draft\"}}";

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
  void createWaitsAndAnswersWithThePlanMetadataAssetsAndCost() {
    Response r = s.post(CREATE, PLAN);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("application/json; charset=utf-8");
    JsonNode b = r.json();
    assertThat(b.path("status").asText()).isEqualTo("success");
    assertThat(b.path("workflowId").asText()).isNotBlank();
    assertThat(b.path("workflowType").asText()).isEqualTo("SIMPLE_TEXT");
    JsonNode plan = b.path("videoPlan");
    assertThat(plan.path("title").asText()).isNotBlank();
    assertThat(plan.path("scenes").size()).isPositive();
    assertThat(plan.path("scenes").get(0).path("shots").get(0).path("startPrompt").asText()).isNotBlank();
    assertThat(plan.path("totalDuration").asDouble()).isBetween(15.0, 25.0);
    JsonNode meta = b.path("metadata");
    assertThat(meta.path("pattern").asText()).isNotBlank();
    assertThat(meta.path("complexity").asText()).isNotBlank();
    assertThat(meta.path("stepsExecuted").isInt()).isTrue();
    assertThat(meta.path("stepsExecuted").asInt()).isPositive();
    assertThat(meta.path("confidence").asDouble()).isBetween(0.0, 1.0);
    assertThat(meta.path("executionTime").asText()).matches("\\d+\\.\\ds");
    assertThat(b.path("assets").isArray()).isTrue();
    assertThat(b.path("cost").path("currency").asText()).isEqualTo("USD");
    assertThat(b.path("cost").path("total").decimalValue()).isZero();
    assertThat(b.path("decisions").toString()).contains("route to SIMPLE_TEXT");
    assertThat(b.has("video")).isFalse();

    Response status = s.get("/api/gateway/video/" + b.path("workflowId").asText());
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.json().path("status").asText()).isEqualTo("completed");
    assertThat(status.json().path("result").path("videoPlan").path("title").asText())
        .isEqualTo(plan.path("title").asText());
    assertThat(status.json().path("links").path("events").asText())
        .isEqualTo("/api/gateway/video/" + b.path("workflowId").asText() + "/events");
  }

  @Test
  void asyncCreateAnswers202AtOnceAndTheEventStreamShowsProgressToTheEnd() {
    Response r = s.post(CREATE, PLAN.replace("\"draft\"", "\"draft\", \"async\": true"));

    assertThat(r.status()).as(r.body()).isEqualTo(202);
    String id = r.json().path("workflowId").asText();
    assertThat(r.json().path("links").path("events").asText()).isEqualTo("/api/gateway/video/" + id + "/events");

    EventLog log = s.events("/api/gateway/video/" + id + "/events");
    assertThat(log.status).isEqualTo(200);
    assertThat(log.headers.firstValue("Content-Type")).contains("text/event-stream; charset=utf-8");
    assertThat(log.events).hasSizeGreaterThan(3);
    Event last = log.last();
    assertThat(last.event()).isEqualTo("complete");
    assertThat(last.json().path("type").asText()).isEqualTo("complete");
    assertThat(last.json().path("workflowId").asText()).isEqualTo(id);
    assertThat(last.json().path("videoPlan").path("scenes").size()).isPositive();
    List<Event> progress = log.events.subList(0, log.events.size() - 1);
    assertThat(progress).allSatisfy(e -> {
      assertThat(e.event()).isEqualTo("progress");
      JsonNode d = e.json();
      assertThat(d.path("workflowId").asText()).isEqualTo(id);
      assertThat(d.path("progress").asDouble()).isBetween(0.0, 1.0);
      assertThat(d.path("kind").asText()).isNotBlank();
      assertThat(d.has("message")).isTrue();
    });
    assertThat(progress).anySatisfy(e -> assertThat(e.json().path("kind").asText()).isEqualTo("step_completed"));
    assertThat(progress).filteredOn(e -> e.json().has("step")).isNotEmpty();
    List<Double> fractions = progress.stream().map(e -> e.json().path("progress").asDouble()).toList();
    for (int i = 1; i < fractions.size(); i++) {
      assertThat(fractions.get(i)).as("progress at event %d of %s", i, fractions).isGreaterThanOrEqualTo(fractions.get(i - 1));
    }
    List<Long> ids = log.events.stream().map(e -> Long.parseLong(e.id())).toList();
    assertThat(ids).isSorted().doesNotHaveDuplicates();

    // A late subscriber is sent the same events from the first.
    EventLog replay = s.events("/api/gateway/video/" + id + "/events");
    assertThat(replay.events).extracting(Event::id, Event::event)
        .containsExactlyElementsOf(log.events.stream().map(e -> org.assertj.core.groups.Tuple.tuple(e.id(), e.event()))
            .toList());
    // ... and Last-Event-ID skips those seen.
    String seen = log.events.get(1).id();
    EventLog resumed = s.events("/api/gateway/video/" + id + "/events", "Last-Event-ID", seen);
    assertThat(resumed.events.get(0).id()).isEqualTo(log.events.get(2).id());
    assertThat(resumed.last().event()).isEqualTo("complete");
  }

  @Test
  void analyticsCountTheWorkflowsRunThroughTheServer() {
    double before = s.get("/api/gateway/analytics").json().path("workflows").path("SIMPLE_TEXT").path("completed")
        .asDouble();
    assertThat(s.post(CREATE, PLAN).status()).isEqualTo(200);
    Response r = s.get("/api/gateway/analytics");
    assertThat(r.status()).isEqualTo(200);
    JsonNode simple = r.json().path("workflows").path("SIMPLE_TEXT");
    assertThat(simple.path("completed").asDouble()).isEqualTo(before + 1);
    assertThat(simple.path("requests").asLong()).isPositive();
    assertThat(simple.path("successRate").asDouble()).isBetween(0.0, 1.0);
    assertThat(simple.path("stepLatencyP95Ms").asDouble()).isGreaterThanOrEqualTo(simple.path("stepLatencyP50Ms")
        .asDouble());
    assertThat(simple.path("steps").size()).isPositive();
  }

  @Test
  void statusAndEventsOfAnUnknownWorkflowAre404() {
    Response status = s.get("/api/gateway/video/no-such-workflow");
    assertThat(status.status()).isEqualTo(404);
    assertThat(status.json().path("error").path("type").asText()).isEqualTo("not_found");
    assertThat(status.json().path("error").path("message").asText()).contains("no-such-workflow");
    assertThat(s.get("/api/gateway/video/no-such-workflow/events").status()).isEqualTo(404);
    Response cont = s.post("/api/gateway/video/continue", "{\"workflowId\": \"no-such-workflow\", \"answers\": {}}");
    assertThat(cont.status()).isEqualTo(404);
  }

  @Test
  void continuingACompletedWorkflowIsAConflictAndAMissingIdIsRefused() {
    String id = s.post(CREATE, PLAN).json().path("workflowId").asText();

    Response done = s.post("/api/gateway/video/continue", "{\"workflowId\": \"" + id + "\", \"answers\": {}}");
    assertThat(done.status()).isEqualTo(409);
    assertThat(done.json().path("error").path("type").asText()).isEqualTo("conflict");

    Response missing = s.post("/api/gateway/video/continue", "{\"answers\": {\"industry\": \"SaaS\"}}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("error").path("message").asText()).contains("workflowId is required");

    Response nested = s.post("/api/gateway/video/continue", "{\"workflowId\": \"" + id + "\", \"answers\": {\"a\": [1]}}");
    assertThat(nested.status()).isEqualTo(400);
    assertThat(nested.json().path("error").path("message").asText()).contains("answers.a");
  }

  @Test
  void malformedOrWrongBodiesAreRefusedWithClearJsonErrors() {
    Response broken = s.post(CREATE, "{\"input\": {\"prompt\": ");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.contentType()).isEqualTo("application/json; charset=utf-8");
    assertThat(broken.json().path("error").path("type").asText()).isEqualTo("invalid_json");
    assertThat(broken.body()).doesNotContain("at com.").doesNotContain("Exception");

    assertThat(s.post(CREATE, "[1, 2]").json().path("error").path("type").asText()).isEqualTo("invalid_json");
    Response noInput = s.post(CREATE, "{\"prompt\": \"hello\"}");
    assertThat(noInput.status()).isEqualTo(400);
    assertThat(noInput.json().path("error").path("message").asText()).contains("input is required");

    Response style = s.post(CREATE, "{\"input\": {\"prompt\": \"a cat\", \"style\": \"baroque-noir\"}}");
    assertThat(style.status()).isEqualTo(400);
    assertThat(style.json().path("error").path("type").asText()).isEqualTo("invalid_input");
    assertThat(style.json().path("error").path("message").asText()).contains("baroque-noir").contains("cinematic");

    Response duration = s.post(CREATE, "{\"input\": {\"prompt\": \"a cat\", \"duration\": \"long\"}}");
    assertThat(duration.status()).isEqualTo(400);
    assertThat(duration.json().path("error").path("message").asText()).contains("duration");

    Response output = s.post(CREATE, "{\"input\": {\"prompt\": \"a cat\"}, \"options\": {\"output\": \"/etc/x.mp4\"}}");
    assertThat(output.status()).isEqualTo(400);
    assertThat(output.json().path("error").path("message").asText()).contains("options.output");

    Response file = s.post(CREATE, "{\"input\": {\"prompt\": \"a cat\", \"assets\": [{\"type\": \"file\", "
        + "\"path\": \"/etc/passwd\"}]}}");
    assertThat(file.status()).isEqualTo(400);
    assertThat(file.json().path("error").path("message").asText()).contains("input.assets[0]").contains("url");

    Response text = s.send(java.net.http.HttpRequest.newBuilder(s.uri(CREATE)).header("Content-Type", "text/plain")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("prompt=a+cat")).build());
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.json().path("error").path("type").asText()).isEqualTo("unsupported_media_type");
  }

  @Test
  void anOversizeBodyIs413() {
    String big = "{\"input\": {\"prompt\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}}";

    Response r = s.post(CREATE, big);

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().path("error").path("type").asText()).isEqualTo("payload_too_large");
    // The server is still there for the next request.
    assertThat(s.get("/api/gateway/video/unknown").status()).isEqualTo(404);
  }

  @Test
  void unknownPathsAre404AndWrongMethods405WithAllow() {
    Response nothing = s.get("/api/nothing/here");
    assertThat(nothing.status()).isEqualTo(404);
    assertThat(nothing.json().path("error").path("type").asText()).isEqualTo("not_found");

    Response getCreate = s.send(java.net.http.HttpRequest.newBuilder(s.uri(CREATE)).DELETE().build());
    assertThat(getCreate.status()).isEqualTo(405);
    assertThat(getCreate.headers().firstValue("Allow").orElse("")).contains("POST");
    assertThat(getCreate.json().path("error").path("type").asText()).isEqualTo("method_not_allowed");

    assertThat(s.get("/api/gateway/video/bad%20id").status()).isEqualTo(404);
  }

  @Test
  void aForeignHostOrAnotherOriginIsRefused() throws IOException {
    List<String> lines = new ArrayList<>();
    try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET /api/gateway/video/x HTTP/1.1\r\nHost: rebound.example:" + s.server.port()
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    }
    assertThat(lines.get(0)).isEqualTo("HTTP/1.1 403 Forbidden");
    assertThat(String.join("\n", lines)).contains("\"type\":\"forbidden\"");

    Response crossOrigin = s.post(CREATE, PLAN, "Origin", "http://evil.example");
    assertThat(crossOrigin.status()).isEqualTo(403);
    Response sameOrigin = s.get("/api/gateway/video/x", "Origin", "http://127.0.0.1:" + s.server.port());
    assertThat(sameOrigin.status()).isEqualTo(404);
  }
}
