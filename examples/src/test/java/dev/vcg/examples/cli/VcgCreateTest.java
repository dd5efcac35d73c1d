package dev.vcg.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.vcg.direction.VideoDirection;
import dev.vcg.examples.gateway.Mp4Oracle;
import dev.vcg.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vcg create}, {@code plan} and {@code providers} called in-process with a controlled
 * environment: offline without keys, paid providers served by a local WireMock server.
 */
class VcgCreateTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private WireMockServer server;

  @BeforeEach
  void start() {
    server = new WireMockServer(WireMockConfiguration.wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private int vcg(Map<String, String> env, String... args) {
    out.reset();
    err.reset();
    Io io = new Io(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
        StandardCharsets.UTF_8), false);
    return Vcg.run(args, io, Vcg.commands(Environment.of(env)));
  }

  private int vcg(String... args) {
    return vcg(Map.of(), args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void createMakesAPlayableVideoOfTheAskedLengthWithoutKeys() throws IOException {
    Path video = dir.resolve("lighthouse.mp4");
    int code = vcg("create", "a lighthouse at dawn, waves crashing", "--seconds", "5", "--quality", "draft",
        "-o", video.toString());
    assertThat(code).as(stderr()).isEqualTo(0);
    assertThat(files()).containsExactly("lighthouse.mp4");
    assertThat(stderr()).contains("running on the offline local providers")
        .contains("video local/motion-v1 (offline)").contains("creating: 100%");
    Matcher m = Pattern.compile(Pattern.quote(video.toString()) + ": ([0-9.]+) s, (\\d+) shots").matcher(stdout());
    assertThat(m.find()).as(stdout()).isTrue();
    double seconds = Double.parseDouble(m.group(1));
    assertThat(seconds).isBetween(4.0, 6.0);
    assertThat(stdout()).contains("cost: estimated $0.0000, spent $0.0000").contains("video local/motion-v1: ");
    Mp4Oracle.assertPlayable(video, seconds, 0.25);
  }

  @Test
  void usageErrorsExitWith2AndWriteNothing() throws IOException {
    String o = dir.resolve("x.mp4").toString();
    assertThat(vcg("create", "-o", o)).isEqualTo(2);
    assertThat(stderr()).contains("give the prompt");
    assertThat(vcg("create", "a cat")).isEqualTo(2);
    assertThat(stderr()).contains("missing -o OUT.mp4");
    assertThat(vcg("create", "a cat", "-o", o, "--mode", "fast")).isEqualTo(2);
    assertThat(stderr()).contains("--mode must be directed or flow");
    assertThat(vcg("create", "a cat", "-o", o, "--aspect", "4:3")).isEqualTo(2);
    assertThat(stderr()).contains("16:9, 9:16, 1:1");
    assertThat(vcg("create", "a cat", "-o", o, "--seconds", "0")).isEqualTo(2);
    assertThat(vcg("create", "a cat", "-o", o, "--max-cost", "cheap")).isEqualTo(2);
    assertThat(stderr()).contains("--max-cost must be an amount");
    assertThat(vcg("create", "a cat", "-o", o, "--style", "wobbly")).isEqualTo(2);
    assertThat(stderr()).contains("unknown style 'wobbly'").contains("cinematic");
    assertThat(vcg("create", "a cat", "-o", o, "--quality", "ultra")).isEqualTo(2);
    assertThat(vcg("create", "a cat", "-o", dir.resolve("missing/x.mp4").toString())).isEqualTo(2);
    assertThat(stderr()).contains("does not exist");
    assertThat(vcg("create", "a cat", "--plan-only", "--mode", "flow")).isEqualTo(2);
    assertThat(vcg("create", "a", "cat", "-o", o)).isEqualTo(2);
    assertThat(stderr()).contains("in quotes");
    assertThat(vcg("plan")).isEqualTo(2);
    assertThat(vcg("providers", "extra")).isEqualTo(2);
    assertThat(files()).isEmpty();
    assertThat(vcg("--help")).isEqualTo(0);
    assertThat(stdout()).contains("create").contains("plan").contains("providers").contains("stitch");
    assertThat(vcg("create", "--help")).isEqualTo(0);
    assertThat(stdout()).startsWith("usage: vcg create \"<prompt>\"").contains("--max-cost USD");
  }

  @Test
  void planAndPlanOnlyPrintThePlanAsJson() throws IOException {
    assertThat(vcg("plan", "a bakery at sunrise", "--seconds", "20", "--style", "cinematic", "--aspect", "9:16"))
        .as(stderr()).isEqualTo(0);
    VideoDirection plan = Json.mapper().readValue(stdout(), VideoDirection.class);
    assertThat(plan.shots()).isNotEmpty();
    assertThat(plan.totalDuration()).isBetween(15.0, 25.0);
    assertThat(stderr()).contains("estimated cost to make it: $0.0000");

    assertThat(vcg("create", "a bakery at sunrise", "--seconds", "10", "--plan-only")).as(stderr()).isEqualTo(0);
    assertThat(Json.mapper().readValue(stdout(), VideoDirection.class).totalDuration()).isBetween(5.0, 15.0);
    assertThat(files()).isEmpty();
  }

  @Test
  void providersListsWhatIsFoundAndWhatIsUsed() {
    assertThat(vcg("providers")).isEqualTo(0);
    assertThat(stdout()).contains("openrouter").contains("OPENROUTER_API_KEY").contains("fal").contains("FAL_KEY")
        .contains("runway").contains("RUNWAYML_API_SECRET").contains("openai").contains("built-in")
        .contains("image: local/").contains("video: local/motion-v1 (offline)").contains("llm: local/rule-planner");

    assertThat(vcg(Map.of("FAL_KEY", "fal-test-key"), "providers")).isEqualTo(0);
    assertThat(stdout()).containsPattern("fal\\s+image,video\\s+FAL_KEY\\s+yes")
        .contains("image: fal/").contains("video: fal/").doesNotContain("fal-test-key");
  }

  @Test
  void aProviderPerKindCanBeNamedWhenSeveralAreConfigured() {
    Map<String, String> both = Map.of("FAL_KEY", "fal-test-key", "RUNWAYML_API_SECRET", "rw-test-key");
    assertThat(vcg(Map.of("FAL_KEY", "fal-test-key", "RUNWAYML_API_SECRET", "rw-test-key", "VCG_VIDEO_PROVIDER",
        "runway", "VCG_IMAGE_PROVIDER", "local"), "providers")).as(stderr()).isEqualTo(0);
    assertThat(stdout()).contains("video: runway/").contains("image: local/").doesNotContain("rw-test-key");
    assertThat(vcg(Map.of("FAL_KEY", "fal-test-key", "VCG_VIDEO_PROVIDER", "runway"), "providers")).isNotZero();
    assertThat(stderr()).contains("RUNWAYML_API_SECRET").doesNotContain("fal-test-key");
    assertThat(vcg(both, "providers")).isEqualTo(0);
    assertThat(stdout()).doesNotContain("image: local/");
  }

  @Test
  void aBudgetTooSmallForThePaidProvidersExitsWith5BeforeAnyCall() throws IOException {
    Map<String, String> env = Map.of("FAL_KEY", "fal-test-key", "VCG_FAL_BASE_URL", server.baseUrl());
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    int code = vcg(env, "create", "a storm over the sea", "--seconds", "10", "--max-cost", "0.000001",
        "-o", dir.resolve("storm.mp4").toString());
    assertThat(code).as(stderr()).isEqualTo(5);
    assertThat(stderr()).contains("providers: llm local/rule-planner (offline), image fal/").contains("Budget exceeded");
    assertThat(server.getAllServeEvents()).as("no paid call was made").isEmpty();
    assertThat(files()).isEmpty();
  }

  @Test
  void aFailingProviderExitsWith4AndLeavesNothing() throws IOException {
    Map<String, String> env = Map.of("FAL_KEY", "fal-test-key", "VCG_FAL_BASE_URL", server.baseUrl());
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
        .withBody("{\"detail\":\"Invalid API key\"}")));
    int code = vcg(env, "create", "a storm over the sea", "--seconds", "5", "-o", dir.resolve("storm.mp4").toString());
    assertThat(code).as(stderr()).isEqualTo(4);
    assertThat(stderr()).contains("fal");
    assertThat(server.getAllServeEvents()).isNotEmpty();
    assertThat(files()).isEmpty();
    assertThat(stdout() + stderr()).doesNotContain("fal-test-key");
  }

  @Test
  void aPlanTheModelCannotMakeExitsWith3() throws IOException {
    String answer = new String(getClass().getResourceAsStream("/openrouter-not-a-plan.json").readAllBytes(),
        StandardCharsets.UTF_8);
    server.stubFor(post(urlPathMatching(".*/chat/completions")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(answer)));
    Map<String, String> env = Map.of("OPENROUTER_API_KEY", "sk-or-test", "VCG_OPENROUTER_BASE_URL", server.baseUrl());
    int code = vcg(env, "create", "a storm over the sea", "--seconds", "5", "-o", dir.resolve("storm.mp4").toString());
    assertThat(code).as(stderr()).isEqualTo(3);
    assertThat(stderr()).contains("llm openrouter/").contains("invalid");
    assertThat(files()).isEmpty();
  }
}
