package dev.vcg.provider.openai;

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
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ChatMessage;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ChatResponse;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.testkit.CapturedLogs;
import dev.vcg.testkit.Canary;
import dev.vcg.testkit.RecordingSleeper;
import dev.vcg.testkit.WorkflowCanary;
import dev.vcg.workflow.Key;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.Step;
import dev.vcg.workflow.Workflow;
import dev.vcg.workflow.WorkflowEvent;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A canary key goes through chat and image success and failure paths and shows up nowhere. */
class OpenAiCanaryTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void theKeyNeverLeaks() {
    Canary canary = Canary.create();
    CapturedLogs.clear();
    assertThat(CapturedLogs.active()).isTrue();
    ProviderConfig config = ProviderConfig.builder("openai").apiKey(canary.key())
        .baseUrl(URI.create(wm.baseUrl() + "/v1")).maxRetries(1).option("http.log", "true")
        .option(OpenAiProviderFactory.OPTION_ORGANIZATION, "org-example").build();
    OpenAiProviderFactory factory = new OpenAiProviderFactory();
    RecordingSleeper sleeper = new RecordingSleeper();
    LlmProvider llm = OpenAiLlmProvider.builder().config(config).sleeper(sleeper).build();
    ImageProvider images = OpenAiImageProvider.builder().config(config).sleeper(sleeper).build();
    ChatRequest chat = ChatRequest.builder().addMessage(ChatMessage.user("Plan a teaser")).build();
    ImageRequest draw = ImageRequest.builder().prompt("a forge")
        .addReferenceImage(MediaRef.bytes(Base64.getDecoder().decode(OpenAiImagesTest.PIXEL), "image/png")).build();
    List<Object> seen = new ArrayList<>(List.of(factory, llm, images, config, chat, draw));

    wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(Fixtures.read("chat-response-vision.json"))));
    wm.stubFor(post(urlEqualTo("/v1/images/edits")).willReturn(okJson(
        Fixtures.read("images-edits-response-gpt-image-1.json"))));
    ChatResponse answer = llm.chat(chat);
    ImageResult result = images.generate(draw);
    seen.addAll(List.of(answer, result, result.first()));
    wm.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
        .withHeader("Authorization", equalTo("Bearer " + canary.value())));

    String echo = Fixtures.read("error-401-invalid-api-key.json").replace("sk-proj-****abcd", canary.value());
    for (String path : List.of("/v1/chat/completions", "/v1/images/edits")) {
      wm.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(401).withBody(echo)));
    }
    seen.add(catchThrowable(() -> llm.chat(chat)));
    seen.add(catchThrowable(() -> images.generate(draw)));
    for (String path : List.of("/v1/chat/completions", "/v1/images/edits")) {
      wm.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(500)
          .withBody(Fixtures.read("error-500-server.json"))));
    }
    seen.add(catchThrowable(() -> llm.chat(chat)));
    seen.add(catchThrowable(() -> images.generate(draw)));
    wm.stubFor(post(urlEqualTo("/v1/images/edits")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    seen.add(catchThrowable(() -> images.generate(draw)));

    assertThat(sleeper.delays()).as("the chat's 500 was retried once, without real waiting").hasSize(1);
    assertThat(seen).doesNotContainNull();
    canary.assertAbsent(seen.toArray());
    assertThat(CapturedLogs.text()).contains("[redacted]").contains("org-example");
    canary.assertAbsent(CapturedLogs.text());
  }

  @Test
  void theKeyNeverShowsInWorkflowEventsOrCheckpoints(@TempDir Path dir) {
    Canary canary = Canary.create();
    ProviderConfig config = ProviderConfig.builder("openai").apiKey(canary.key())
        .baseUrl(URI.create(wm.baseUrl() + "/v1")).maxRetries(0).build();
    OpenAiProviderFactory factory = new OpenAiProviderFactory();
    LlmProvider llm = factory.createLlm(config);
    ImageProvider images = factory.createImage(config);
    ChatRequest chat = ChatRequest.builder().addMessage(ChatMessage.user("Plan a teaser")).build();
    ImageRequest draw = ImageRequest.builder().prompt("a forge").build();
    Key<ChatResponse> plan = Key.of("plan", ChatResponse.class);
    Key<ImageResult> still = Key.of("still", ImageResult.class);
    Workflow both = Workflow.builder("openai-steps").step(Step.of(plan, ctx -> llm.chat(chat)))
        .step(Step.of(still, ctx -> images.generate(draw)).dependsOn("plan")).build();

    try (WorkflowCanary runs = new WorkflowCanary(dir)) {
      wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(Fixtures.read("chat-response-vision.json"))));
      wm.stubFor(post(urlEqualTo("/v1/images/generations")).willReturn(okJson(
          Fixtures.read("images-generations-response-gpt-image-1.json"))));
      assertThat(runs.run(both).status()).isEqualTo(RunStatus.COMPLETED);

      String echo = Fixtures.read("error-401-invalid-api-key.json").replace("sk-proj-****abcd", canary.value());
      wm.stubFor(post(urlEqualTo("/v1/images/generations")).willReturn(aResponse().withStatus(401).withBody(echo)));
      assertThat(runs.run(both).status()).isEqualTo(RunStatus.FAILED);
      wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(401).withBody(echo)));
      assertThat(runs.run(both).status()).isEqualTo(RunStatus.FAILED);

      assertThat(runs.events()).filteredOn(e -> e instanceof WorkflowEvent.RunFailed).hasSize(2)
          .allSatisfy(e -> assertThat(((WorkflowEvent.RunFailed) e).message()).contains("openai"));
      runs.assertAbsent(canary);
    }
  }
}
