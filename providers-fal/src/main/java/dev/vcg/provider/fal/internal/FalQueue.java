package dev.vcg.provider.fal.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcg.internal.Json;
import dev.vcg.provider.InvalidRequestException;
import dev.vcg.provider.NotFoundException;
import dev.vcg.provider.OutcomeUnknownException;
import dev.vcg.provider.ProviderError;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.http.CallOptions;
import dev.vcg.provider.http.JsonResponse;
import dev.vcg.provider.http.ProviderHttpClient;
import java.net.URI;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fal's queue protocol over the shared HTTP layer: submit (a paid submission, never retried after
 * an ambiguous failure), status ({@code 202} while waiting, {@code 200} when completed; both are
 * answers), result, cancel. Uses the URLs fal returns when they are on the queue's own origin, and
 * builds {@code owner/app} URLs otherwise. Thread-safe.
 */
public final class FalQueue {
  private static final Logger LOG = LoggerFactory.getLogger(FalQueue.class);

  private static final Set<String> CANCEL_OUTCOMES = Set.of("OK", "CANCELLATION_REQUESTED", "ALREADY_COMPLETED",
      "NOT_FOUND");

  private final ProviderHttpClient http;

  /** @param http the client for the queue host */
  public FalQueue(ProviderHttpClient http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  /** @return the provider id */
  public String providerId() {
    return http.providerId();
  }

  /** @return the queue base URL */
  public URI baseUrl() {
    return http.baseUrl();
  }

  /**
   * A submitted request.
   *
   * @param requestId fal's request id
   * @param urls where to follow it
   * @param status the status in the submit answer
   */
  public record Submission(String requestId, QueueUrls urls, QueueStatus status) {
  }

  /**
   * Submits a request to the queue: {@code POST {base}/{model}}. The one paid call.
   *
   * @param model the fal model id
   * @param input the model input
   * @return the request
   * @throws ProviderException typed by cause; {@link OutcomeUnknownException} when fal may have
   *     accepted the request but its id is unknown
   */
  public Submission submit(String model, ObjectNode input) {
    FalPaths.checkModelId(model);
    JsonResponse<JsonNode> response = http.send("POST", "/" + model, input, JsonNode.class,
        CallOptions.paidSubmission());
    QueueStatus status;
    try {
      status = Json.mapper().treeToValue(response.body(), QueueStatus.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      status = null;
    }
    String requestId = status == null || status.requestId() == null || status.requestId().isBlank()
        ? response.requestId().orElse(null) : status.requestId();
    if (requestId == null || !validRequestId(requestId)) {
      throw new OutcomeUnknownException(new ProviderError(providerId(), response.statusCode(),
          response.requestId().orElse(null), "unreadable_response", "fal accepted the paid request to " + model
          + " (HTTP " + response.statusCode() + ") but its answer holds no usable request_id, so it cannot be"
          + " followed; check fal's request history before submitting again", null), null);
    }
    QueueUrls urls = urls(model, requestId, status);
    LOG.debug("[{}] submitted {} as request {} ({}, queue position {})", providerId(), model, requestId,
        status == null ? "?" : status.status(), status == null ? null : status.queuePosition());
    return new Submission(requestId, urls, status);
  }

  /**
   * The URLs of a request: those fal returned when they are on the queue's origin, else built from
   * {@code owner/app} of the model id.
   *
   * @param model the model id
   * @param requestId the request id
   * @param status an answer holding URLs, or null
   * @return the URLs
   */
  public QueueUrls urls(String model, String requestId, QueueStatus status) {
    QueueUrls built = FalPaths.build(baseUrl(), model, requestId);
    if (status == null) {
      return built;
    }
    return new QueueUrls(pick(status.statusUrl(), built.statusUrl()), pick(status.responseUrl(), built.responseUrl()),
        pick(status.cancelUrl(), built.cancelUrl()));
  }

  private String pick(String returned, String built) {
    if (FalPaths.sameOrigin(returned, baseUrl())) {
      return returned.strip();
    }
    if (returned != null && !returned.isBlank()) {
      LOG.debug("[{}] ignoring a queue URL on another origin; using {}", providerId(), built);
    }
    return built;
  }

  /**
   * Reads the status: {@code GET {status_url}?logs=0}. Idempotent, retried by the layer.
   *
   * @param urls the request's URLs
   * @return the status
   * @throws ProviderException typed by cause
   */
  public QueueStatus status(QueueUrls urls) {
    JsonResponse<JsonNode> response = http.send("GET", urls.statusUrl() + "?logs=0", null, JsonNode.class,
        CallOptions.defaults());
    QueueStatus status;
    try {
      status = Json.mapper().treeToValue(response.body(), QueueStatus.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      status = null;
    }
    if (status == null || status.status() == null) {
      throw new ProviderException(new ProviderError(providerId(), response.statusCode(),
          response.requestId().orElse(null), "unreadable_response", "the status of a fal request has no status"
          + " field (HTTP " + response.statusCode() + "); fal's API may have changed", null), false, null);
    }
    return status;
  }

  /**
   * Fetches the result of a completed request: {@code GET {response_url}}. A failed request answers
   * with an error status (e.g. 422), which the layer throws as a typed exception.
   *
   * @param urls the request's URLs
   * @return the answer
   * @throws ProviderException typed by cause
   */
  public JsonResponse<JsonNode> result(QueueUrls urls) {
    return http.send("GET", urls.responseUrl(), null, JsonNode.class, CallOptions.defaults());
  }

  /**
   * Asks fal to cancel: {@code PUT {cancel_url}}. A request that already completed or is unknown
   * is left as it is.
   *
   * @param urls the request's URLs
   * @return fal's word: {@code CANCELLATION_REQUESTED}, {@code ALREADY_COMPLETED}, {@code NOT_FOUND}, …
   * @throws ProviderException typed by cause, for other failures
   */
  public String cancel(QueueUrls urls) {
    try {
      JsonResponse<JsonNode> r = http.send("PUT", urls.cancelUrl(), null, JsonNode.class, CallOptions.defaults());
      return word(r.body(), "CANCELLATION_REQUESTED");
    } catch (NotFoundException e) {
      return "NOT_FOUND";
    } catch (InvalidRequestException e) {
      // fal documents the outcome words, not the status codes that carry them: any 4xx naming
      // an outcome is that outcome, and a bare 400 means the request already finished
      String w = e.error().body() == null ? null : word(parse(e.error().body()), null);
      if (w != null && CANCEL_OUTCOMES.contains(w)) {
        return w;
      }
      if (e.statusCode() == 400) {
        return "ALREADY_COMPLETED";
      }
      throw e;
    } catch (ProviderException e) {
      if (e.statusCode() >= 200 && e.statusCode() < 300) {
        // a 2xx cancel with an empty or non-JSON body still means "accepted"
        return "CANCELLATION_REQUESTED";
      }
      throw e;
    }
  }

  private static JsonNode parse(String body) {
    try {
      return Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String word(JsonNode body, String fallback) {
    JsonNode s = body == null ? null : body.get("status");
    return s != null && s.isTextual() ? s.asText() : fallback;
  }

  private static boolean validRequestId(String id) {
    try {
      FalPaths.checkRequestId(id);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "FalQueue[" + http + "]";
  }
}
