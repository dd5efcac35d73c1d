package dev.vcg.provider.openrouter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.provider.ChatMessage;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ChatResponse;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ProviderRegistry;
import dev.vcg.testkit.CapturedLogs;
import dev.vcg.testkit.Canary;
import dev.vcg.testkit.WorkflowCanary;
import dev.vcg.workflow.Key;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.Step;
import dev.vcg.workflow.Workflow;
import dev.vcg.workflow.WorkflowEvent;
import dev.vcg.testkit.RecordingSleeper;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A canary key goes through success and failure paths and shows up nowhere but the auth header. */
class OpenRouterCanaryTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String PATH = "/api/v1/chat/completions";

  @Test
  void theKeyNeverLeaks() {
    Canary canary = Canary.create();
    CapturedLogs.clear();
    assertThat(CapturedLogs.active()).as("the capturing SLF4J backend is in use").isTrue();
    ProviderConfig config = ProviderConfig.builder("openrouter").apiKey(canary.key())
        .baseUrl(URI.create(wm.baseUrl() + "/api/v1")).maxRetries(1)
        .option("http.log", "true").build();
    LlmProvider llm = new OpenRouterProviderFactory().createLlm(config);
    LlmProvider direct = OpenRouterLlmProvider.builder().config(config).sleeper(new RecordingSleeper()).build();
    ChatRequest chat = ChatRequest.builder().addMessage(ChatMessage.user("Plan a teaser")).build();
    List<Object> seen = new ArrayList<>(List.of(llm, direct, config, chat, new OpenRouterProviderFactory()));

    wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(Fixtures.read("chat-response-success.json"))));
    ChatResponse ok = llm.chat(chat);
    seen.add(ok);
    seen.add(ok.usage());
    wm.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + canary.value())));

    // a provider that echoes the key back in its error body
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(401).withBody(
        "{\"error\":{\"code\":401,\"message\":\"Invalid key " + canary.value() + "\"}}")));
    seen.add(catchThrowable(() -> direct.chat(chat)));
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(500).withBody(
        "{\"error\":{\"code\":500,\"message\":\"boom\"}}")));
    seen.add(catchThrowable(() -> direct.chat(chat)));
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    seen.add(catchThrowable(() -> direct.chat(chat)));
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(
        Fixtures.read("chat-stream-midstream-error-chunk.json").replace("Rate limit exceeded", canary.value()))));
    seen.add(catchThrowable(() -> direct.chat(chat)));
    ProviderRegistry registry = ProviderRegistry.of(List.of(new OpenRouterProviderFactory()))
        .withEnvironment(Map.of("OPENROUTER_API_KEY", canary.value())::get, name -> null)
        .withConfig(ProviderConfig.builder("openrouter").baseUrl(URI.create(wm.baseUrl() + "/api/v1")).build());
    seen.add(registry);
    seen.add(registry.config("openrouter"));
    seen.add(catchThrowable(() -> registry.llm(null).chat(chat)));

    for (Object thing : seen) {
      assertThat(thing).isNotNull();
      if (thing instanceof ProviderException e) {
        assertThat(e.providerId()).isEqualTo("openrouter");
        assertThat(e.error().toString()).isNotBlank();
        canary.assertAbsent(e.error().body(), e.error().message());
      }
    }
    canary.assertAbsent(seen.toArray());
    assertThat(CapturedLogs.events("dev.vcg")).isNotEmpty();
    assertThat(CapturedLogs.text()).contains("[redacted]");
    canary.assertAbsent(CapturedLogs.text());
  }

  @Test
  void theKeyNeverShowsInWorkflowEventsOrCheckpoints(@TempDir Path dir) {
    Canary canary = Canary.create();
    ProviderConfig config = ProviderConfig.builder("openrouter").apiKey(canary.key())
        .baseUrl(URI.create(wm.baseUrl() + "/api/v1")).maxRetries(0).build();
    LlmProvider llm = new OpenRouterProviderFactory().createLlm(config);
    ChatRequest chat = ChatRequest.builder().addMessage(ChatMessage.user("Plan a teaser")).build();
    Key<ChatResponse> plan = Key.of("plan", ChatResponse.class);
    Workflow direct = Workflow.builder("openrouter-plan").step(Step.of(plan, ctx -> llm.chat(chat))).build();

    try (WorkflowCanary runs = new WorkflowCanary(dir)) {
      wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(Fixtures.read("chat-response-success.json"))));
      assertThat(runs.run(direct).status()).isEqualTo(RunStatus.COMPLETED);
      wm.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(401).withBody(
          "{\"error\":{\"code\":401,\"message\":\"Invalid key " + canary.value() + "\"}}")));
      assertThat(runs.run(direct).status()).isEqualTo(RunStatus.FAILED);
      wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"id\":\"gen-1\",\"choices\":[{\"index\":0,"
          + "\"finish_reason\":\"error\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
          + "\"error\":{\"code\":403,\"message\":\"flagged " + canary.value() + "\"}}]}")));
      assertThat(runs.run(direct).status()).isEqualTo(RunStatus.FAILED);

      assertThat(runs.events()).filteredOn(e -> e instanceof WorkflowEvent.RunFailed).hasSize(2)
          .allSatisfy(e -> assertThat(((WorkflowEvent.RunFailed) e).message()).contains("openrouter"));
      runs.assertAbsent(canary);
    }
  }
}
