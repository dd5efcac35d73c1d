package dev.vcg.examples.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.vcg.examples.server.TestServer.EventLog;
import dev.vcg.examples.server.TestServer.Response;
import dev.vcg.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bring your own key: a canary key given with a project is used (the language model, served by
 * WireMock, receives it) and never leaves the server in any answer, error or event, nor is it
 * written to any file.
 */
class ProjectKeysTest {
  private static final String CANARY = "sk-or-canary-7f3e9a1c5b2d4e6f8a0b";

  @TempDir
  Path dir;
  private WireMockServer llm;
  private TestServer s;
  private final List<String> seen = new ArrayList<>();

  @BeforeEach
  void start() {
    llm = new WireMockServer(WireMockConfiguration.wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    llm.start();
    s = TestServer.start(dir);
  }

  @AfterEach
  void stop() {
    s.close();
    llm.stop();
  }

  private Response keep(Response r) {
    seen.add(r.status() + " " + r.headers().map() + " " + r.body());
    return r;
  }

  @Test
  void aCanaryKeyIsUsedButNeverAnsweredStreamedOrSaved() throws IOException {
    java.io.PrintStream stderr = System.err;
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        stderr.write(b);
        log.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        stderr.write(b, off, len);
        log.write(b, off, len);
      }
    }, true, StandardCharsets.UTF_8));
    try {
      flowWithCanary();
    } finally {
      System.setErr(stderr);
    }
    // What the server logged while it held the key (slf4j-simple writes to stderr).
    assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(CANARY);
  }

  private void flowWithCanary() throws IOException {
    llm.stubFor(post(urlPathMatching(".*/chat/completions")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(chatAnswer(offlinePlan()))));
    String local = "{\"provider\": \"local\", \"apiKey\": \"" + CANARY + "\", \"options\": {\"maxLongSide\": 128, "
        + "\"renderInline\": \"true\", \"outputDir\": " + Json.mapper().valueToTree(dir.resolve("clips").toString())
        + "}}";
    Response created = keep(s.post("/api/projects", "{\"name\": \"Keys\", \"concept\": \"A forge revealing an "
        + "emblem\", \"targetDuration\": 10, \"quality\": \"draft\", \"config\": {\"llm\": {\"provider\": "
        + "\"openrouter\", \"apiKey\": \"" + CANARY + "\", \"model\": \"openai/gpt-4o-mini\", \"baseUrl\": \""
        + llm.baseUrl() + "\"}, \"image\": " + local + ", \"video\": " + local + ", \"compile\": {\"provider\": "
        + "\"none\"}}}"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode config = created.json().path("config");
    assertThat(config.path("llm").path("provider").asText()).isEqualTo("openrouter");
    assertThat(config.path("llm").path("model").asText()).isEqualTo("openai/gpt-4o-mini");
    assertThat(config.path("llm").has("apiKey")).isFalse();
    String self = "/api/projects/" + created.json().path("id").asText();

    Response directed = keep(s.post(self + "/direct"));
    assertThat(directed.status()).as(directed.body()).isEqualTo(200);
    assertThat(directed.json().path("source").asText()).isNotEqualTo("rules");
    // The key was really used: the language model got it.
    llm.verify(postRequestedFor(urlPathMatching(".*/chat/completions"))
        .withHeader("Authorization", equalTo("Bearer " + CANARY)));

    keep(s.get(self + "/direction"));
    assertThat(keep(s.post(self + "/approve")).status()).isEqualTo(200);
    assertThat(keep(s.post(self + "/refine", "{\"feedback\": \"longer\"}")).status()).isEqualTo(409);
    assertThat(keep(s.post(self + "/generate")).status()).isEqualTo(202);
    EventLog events = s.events(self + "/events");
    seen.add(events.raw.toString());
    assertThat(events.last().event()).as(events.raw.toString()).isEqualTo("complete");
    String workflowId = keep(s.get(self)).json().path("workflowId").asText();
    keep(s.get("/api/gateway/video/" + workflowId));
    keep(s.get(self + "/cost"));
    keep(s.get("/api/projects"));
    keep(s.get("/api/providers"));
    keep(s.get("/api/providers/llm/models"));
    // Errors that quote the request do not quote its key either.
    Response badStyle = keep(s.post("/api/projects", "{\"concept\": \"a cat\", \"style\": \"" + CANARY + "x\", "
        + "\"config\": {\"llm\": {\"provider\": \"openrouter\", \"apiKey\": \"" + CANARY + "\"}}}"));
    assertThat(badStyle.status()).isEqualTo(400);
    Response badProvider = keep(s.post("/api/projects", "{\"concept\": \"a cat\", \"config\": {\"llm\": "
        + "{\"provider\": \"nobody\", \"apiKey\": \"" + CANARY + "\"}}}"));
    assertThat(badProvider.status()).isEqualTo(400);

    assertThat(seen).hasSizeGreaterThan(10).allSatisfy(text -> assertThat(text).doesNotContain(CANARY));
    // The library kept the key out by itself: the server's last-resort scrubbing had nothing to
    // mask in the successful answers and events.
    assertThat(seen.subList(0, seen.size() - 2)).allSatisfy(text -> assertThat(text).doesNotContain(Secrets.MASK));

    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).filteredOn(f -> f.toString().contains("store")).isNotEmpty();
    byte[] canary = CANARY.getBytes(StandardCharsets.UTF_8);
    for (Path f : files) {
      assertThat(indexOf(Files.readAllBytes(f), canary)).as("the key in %s", f).isEqualTo(-1);
    }
  }

  /** A plan made by the offline director of another project, as the language model's answer. */
  private String offlinePlan() {
    Response p = s.post("/api/projects", "{\"concept\": \"A forge revealing an emblem\", \"targetDuration\": 10}");
    String id = p.json().path("id").asText();
    ObjectNode d = (ObjectNode) s.post("/api/projects/" + id + "/direct").json();
    ObjectNode plan = Json.mapper().createObjectNode();
    plan.set("title", d.get("title"));
    plan.set("narrative", d.get("narrative"));
    plan.set("totalDuration", d.get("totalDuration"));
    plan.set("scenes", d.get("scenes"));
    s.send(java.net.http.HttpRequest.newBuilder(s.uri("/api/projects/" + id)).DELETE().build());
    return plan.toString();
  }

  @Test
  void aProjectWhoseBudgetCannotPayForPlanningIsRefusedWith402AndNothingIsCalled() {
    Response created = s.post("/api/projects", "{\"concept\": \"A forge revealing an emblem\", \"maxCost\": "
        + "0.000001, \"config\": {\"llm\": {\"provider\": \"openrouter\", \"apiKey\": \"" + CANARY + "\", "
        + "\"model\": \"openai/gpt-4o-mini\", \"baseUrl\": \"" + llm.baseUrl() + "\"}}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String self = "/api/projects/" + created.json().path("id").asText();

    Response r = s.post(self + "/direct");

    assertThat(r.status()).as(r.body()).isEqualTo(402);
    assertThat(r.json().path("error").path("type").asText()).isEqualTo("budget_exceeded");
    assertThat(r.json().path("error").path("message").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain(CANARY);
    assertThat(llm.getAllServeEvents()).isEmpty();
    assertThat(s.get(self).json().path("status").asText()).isEqualTo("created");
    JsonNode cost = s.get(self + "/cost").json();
    assertThat(cost.path("actual").path("total").decimalValue()).isZero();
    assertThat(cost.path("remaining").isNumber()).isTrue();
  }

  @Test
  void keysGivenAgainWithPutConfigAreUsedAndNotShown() {
    llm.stubFor(post(urlPathMatching(".*/chat/completions")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(chatAnswer(offlinePlan()))));
    Response created = s.post("/api/projects", "{\"concept\": \"A forge revealing an emblem\", "
        + "\"targetDuration\": 10}");
    String self = "/api/projects/" + created.json().path("id").asText();
    assertThat(created.json().path("config").size()).isZero();

    Response configured = s.send(java.net.http.HttpRequest.newBuilder(s.uri(self + "/config"))
        .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"llm\": {\"provider\": \"openrouter\", \"apiKey\": \"" + CANARY + "\", \"model\": "
            + "\"openai/gpt-4o-mini\", \"baseUrl\": \"" + llm.baseUrl() + "\"}}")).build());
    assertThat(configured.status()).as(configured.body()).isEqualTo(200);
    assertThat(configured.json().path("config").path("llm").path("provider").asText()).isEqualTo("openrouter");
    assertThat(configured.body()).doesNotContain(CANARY);

    Response directed = s.post(self + "/direct");
    assertThat(directed.status()).as(directed.body()).isEqualTo(200);
    llm.verify(postRequestedFor(urlPathMatching(".*/chat/completions"))
        .withHeader("Authorization", equalTo("Bearer " + CANARY)));
    assertThat(directed.body()).doesNotContain(CANARY);

    Response empty = s.send(java.net.http.HttpRequest.newBuilder(s.uri(self + "/config"))
        .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
        .build());
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().path("error").path("message").asText()).contains("at least one provider");
    Response unknown = s.send(java.net.http.HttpRequest.newBuilder(s.uri("/api/projects/nobody/config"))
        .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"llm\": {\"provider\": \"openrouter\"}}")).build());
    assertThat(unknown.status()).isEqualTo(404);
  }

  private static String chatAnswer(String content) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("id", "gen-canary-1");
    o.put("model", "openai/gpt-4o-mini");
    o.put("object", "chat.completion");
    o.put("created", 1_755_849_512L);
    ObjectNode choice = o.putArray("choices").addObject();
    choice.put("index", 0);
    choice.put("finish_reason", "stop");
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", content);
    ObjectNode usage = o.putObject("usage");
    usage.put("prompt_tokens", 900);
    usage.put("completion_tokens", 700);
    usage.put("total_tokens", 1600);
    usage.put("cost", 0.0006);
    return o.toString();
  }

  private static int indexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= data.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
