package dev.vcg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vcg.media.MediaRef;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.GeneratedImage;
import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every {@link ImageProvider} passes: capabilities declared and honoured (a request
 * they forbid fails with {@link dev.vcg.provider.UnsupportedCapabilityException} before any call),
 * a generation that returns images, errors typed by status (a generation is a paid submission:
 * 5xx means the outcome is unknown), no I/O at construction, and a canary API key that never shows
 * in logs, exceptions or {@code toString}.
 *
 * <p>Extend it like {@link VideoProviderContract}: supply the stub server, a valid request and
 * stubs for success and for each error status.
 */
public abstract class ImageProviderContract {
  /** @return the provider id, e.g. {@code openai} */
  protected abstract String providerId();

  /** @return the base URL of the stub server */
  protected abstract URI baseUrl();

  /**
   * Builds the provider under test, typically through its factory.
   *
   * @param config the config the kit chose (see {@link #config(ApiKey)})
   * @return the provider
   */
  protected abstract ImageProvider createProvider(ProviderConfig config);

  /** @return how many requests reached the stub server so far */
  protected abstract long requestCount();

  /** Forgets all stubs and recorded requests. */
  protected abstract void resetServer();

  /** @return a request the provider's model accepts */
  protected abstract ImageRequest validRequest();

  /** Stubs every call a successful generation of {@link #validRequest()} makes. */
  protected abstract void stubGenerationSucceeds();

  /**
   * Stubs the generation's first (paid) call to fail with this status and the provider's
   * documented error body.
   *
   * @param status an HTTP status from {@link #errorStatuses()}
   */
  protected abstract void stubGenerationFails(int status);

  /**
   * The config the kit builds providers with. Override to add provider options.
   *
   * @param key the API key to use
   * @return the config
   */
  protected ProviderConfig config(ApiKey key) {
    return ProviderConfig.builder(providerId()).apiKey(key).baseUrl(baseUrl()).maxRetries(0)
        .option("http.circuit-breaker", "false").build();
  }

  /** @return the statuses {@link #errorsAreTyped()} checks */
  protected Set<Integer> errorStatuses() {
    return Set.of(400, 401, 403, 404, 422, 429, 500);
  }

  /**
   * The exception a failed generation must raise; by default the HTTP layer's table for a paid
   * submission. Override for statuses the provider documents differently.
   *
   * @param status the HTTP status
   * @return the expected type (subtypes pass)
   */
  protected Class<? extends ProviderException> expectedError(int status) {
    return ContractSupport.expectedError(status, true);
  }

  private ApiKey testKey() {
    return ApiKey.of("sk-test-" + UUID.randomUUID());
  }

  /** The provider says who it is and what its model can do. */
  @Test
  void declaresItsIdentityAndCapabilities() {
    ImageProvider provider = createProvider(config(testKey()));

    assertThat(provider.id()).isEqualTo(providerId());
    assertThat(provider.model()).isNotBlank();
    ImageCapabilities caps = provider.capabilities();
    assertThat(caps).isNotNull();
    assertThat(caps.maxWidth()).isPositive();
    assertThat(caps.maxHeight()).isPositive();
    assertThat(caps.maxPromptLength()).isPositive();
  }

  /** Building a provider talks to nobody. */
  @Test
  void constructionDoesNoIo() {
    long before = requestCount();
    createProvider(config(testKey()));
    assertThat(requestCount()).isEqualTo(before);
  }

  /** Each request the capabilities forbid fails before any request is sent. */
  @TestFactory
  Stream<DynamicTest> refusesForbiddenRequestsBeforeAnyCall() {
    ImageProvider provider = createProvider(config(testKey()));
    ImageCapabilities caps = provider.capabilities();
    ImageRequest valid = validRequest();
    Map<String, ImageRequest> forbidden = new LinkedHashMap<>();
    ImageRequest.Builder tooMany = valid.toBuilder();
    MediaRef ref = MediaRef.bytes(TestImages.png1x1(), "image/png");
    for (int i = valid.referenceImages().size(); i <= caps.maxReferenceImages(); i++) {
      tooMany.addReferenceImage(ref);
    }
    forbidden.put((caps.maxReferenceImages() + 1) + " reference images", tooMany.build());
    forbidden.put("an image larger than " + caps.maxWidth() + "x" + caps.maxHeight(),
        valid.toBuilder().size(new ImageSize(caps.maxWidth() + 16, caps.maxHeight() + 16)).build());
    if (!caps.sizes().isEmpty()) {
      ImageSize undeclared = new ImageSize(Math.max(1, caps.maxWidth() - 1), Math.max(1, caps.maxHeight() - 3));
      if (!caps.sizes().contains(undeclared)) {
        forbidden.put("the undeclared size " + undeclared, valid.toBuilder().size(undeclared).build());
      }
    }
    forbidden.put("a prompt longer than " + caps.maxPromptLength() + " characters",
        valid.toBuilder().prompt("x".repeat(caps.maxPromptLength() + 1)).build());
    return forbidden.entrySet().stream().map(e -> DynamicTest.dynamicTest("refuses " + e.getKey(), () ->
        ContractSupport.assertRefusedBeforeAnyCall(providerId(), e.getKey(), this::requestCount,
            () -> provider.generate(e.getValue()))));
  }

  /** A valid request returns at least one image. */
  @Test
  void generatesImages() {
    stubGenerationSucceeds();
    ImageResult result = createProvider(config(testKey())).generate(validRequest());

    assertThat(result).isNotNull();
    assertThat(result.images()).isNotEmpty();
    for (GeneratedImage image : result.images()) {
      assertThat(image.image()).isNotNull();
    }
    assertThat(result.model()).isNotBlank();
  }

  /** Every documented failure raises its exception type with status and provider id. */
  @TestFactory
  Stream<DynamicTest> errorsAreTyped() {
    return errorStatuses().stream().sorted().map(status -> DynamicTest.dynamicTest("HTTP " + status, () -> {
      resetServer();
      stubGenerationFails(status);
      ImageProvider provider = createProvider(config(testKey()));
      ContractSupport.assertTypedError(providerId(), status, expectedError(status),
          () -> provider.generate(validRequest()));
    }));
  }

  /** A canary key never shows in captured logs (TRACE), exceptions, stack traces or toString. */
  @Test
  void apiKeyNeverLeaks() {
    ContractSupport.assertCapturingLogs();
    Canary canary = Canary.create();
    CapturedLogs.clear();
    List<Object> seen = new ArrayList<>();
    ImageProvider provider = createProvider(config(canary.key()));
    seen.add(provider);
    seen.add(provider.capabilities());

    stubGenerationSucceeds();
    ImageResult result = provider.generate(validRequest());
    seen.add(result);
    seen.addAll(result.images());
    seen.add(catchThrowable(() -> provider.generate(validRequest().toBuilder()
        .prompt("x".repeat(provider.capabilities().maxPromptLength() + 1)).build())));
    for (int code : List.of(401, 500)) {
      resetServer();
      stubGenerationFails(code);
      seen.add(catchThrowable(() -> provider.generate(validRequest())));
    }
    assertThat(requestCount()).as("requests that carried the key").isPositive();
    seen.add(CapturedLogs.text());

    canary.assertAbsent(seen.toArray());
  }
}
