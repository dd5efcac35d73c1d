package dev.vcg.provider.runway.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcg.internal.Json;
import dev.vcg.media.MediaTypes;
import dev.vcg.provider.NotFoundException;
import dev.vcg.provider.OutcomeUnknownException;
import dev.vcg.provider.ProviderError;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.http.CallOptions;
import dev.vcg.provider.http.JsonResponse;
import dev.vcg.provider.http.Multipart;
import dev.vcg.provider.http.ProviderHttpClient;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runway's task API over the shared HTTP layer: create a task (a paid submission, never retried
 * after an ambiguous failure), read it, cancel or delete it, and ephemeral uploads. Thread-safe.
 */
public final class RunwayTasks {
  private static final Logger LOG = LoggerFactory.getLogger(RunwayTasks.class);
  private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

  private final ProviderHttpClient http;

  /** @param http the client for Runway's API */
  public RunwayTasks(ProviderHttpClient http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  /** @return the provider id */
  public String providerId() {
    return http.providerId();
  }

  /**
   * Creates a task: {@code POST {path}}. The one paid call.
   *
   * @param path e.g. {@code /v1/image_to_video}
   * @param body the request body
   * @return the task id
   * @throws ProviderException typed by cause; {@link OutcomeUnknownException} when Runway may have
   *     created the task but its id is unknown
   */
  public String create(String path, ObjectNode body) {
    JsonResponse<JsonNode> r = http.send("POST", path, body, JsonNode.class, CallOptions.paidSubmission());
    JsonNode id = r.body() == null ? null : r.body().get("id");
    if (id == null || !id.isTextual() || !TASK_ID.matcher(id.asText()).matches()) {
      throw new OutcomeUnknownException(new ProviderError(providerId(), r.statusCode(), r.requestId().orElse(null),
          "unreadable_response", "Runway accepted the paid request to " + path + " (HTTP " + r.statusCode()
          + ") but its answer holds no usable task id, so it cannot be followed; check the tasks in Runway's"
          + " dashboard before submitting again", null), null);
    }
    LOG.debug("[runway] created task {} with {}", id.asText(), path);
    return id.asText();
  }

  /**
   * Reads a task: {@code GET /v1/tasks/{id}}. Idempotent, retried by the layer.
   *
   * @param id the task id
   * @return the task
   * @throws ProviderException typed by cause
   */
  public Task get(String id) {
    JsonResponse<JsonNode> r = http.send("GET", "/v1/tasks/" + checkId(id), null, JsonNode.class,
        CallOptions.defaults());
    Task t;
    try {
      t = Json.mapper().treeToValue(r.body(), Task.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      t = null;
    }
    if (t == null || t.status() == null) {
      throw new ProviderException(new ProviderError(providerId(), r.statusCode(), r.requestId().orElse(null),
          "unreadable_response", "task " + id + " has no status (HTTP " + r.statusCode() + "); Runway's API may"
          + " have changed", null), false, null);
    }
    return t;
  }

  /**
   * Cancels a pending or running task, or deletes a finished one: {@code DELETE /v1/tasks/{id}}.
   *
   * @param id the task id
   * @return false if Runway no longer knows the task (404: already deleted), true otherwise
   * @throws ProviderException typed by cause, for other failures
   */
  public boolean delete(String id) {
    try {
      http.send("DELETE", "/v1/tasks/" + checkId(id), null, Void.class,
          CallOptions.builder().header("Accept", "*/*").build());
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /**
   * Uploads media for use in a generation request: {@code POST /v1/uploads} for an ephemeral slot,
   * then a form upload of the file to the returned storage URL (which never receives the key).
   *
   * @param data the content
   * @param mimeType its type
   * @return the {@code runway://} URI, valid for 24 hours
   * @throws ProviderException typed by cause
   */
  public String upload(byte[] data, String mimeType) {
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("filename", "frame." + MediaTypes.extension(mimeType));
    body.put("type", "ephemeral");
    JsonResponse<JsonNode> slot = http.send("POST", "/v1/uploads", body, JsonNode.class, CallOptions.defaults());
    JsonNode s = slot.body();
    String uploadUrl = s == null ? null : s.path("uploadUrl").asText(null);
    String runwayUri = s == null ? null : s.path("runwayUri").asText(null);
    if (uploadUrl == null || runwayUri == null || !runwayUri.startsWith("runway://")) {
      throw new ProviderException(new ProviderError(providerId(), slot.statusCode(), slot.requestId().orElse(null),
          "unreadable_response", "the upload slot has no uploadUrl or runwayUri; Runway's API may have changed",
          null), false, null);
    }
    Multipart.Builder form = Multipart.builder();
    JsonNode fields = s.get("fields");
    if (fields != null && fields.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        form.text(f.getKey(), f.getValue().asText());
      }
    }
    form.file("file", "frame." + MediaTypes.extension(mimeType), data, mimeType);
    http.send("POST", uploadUrl, form.build(), Void.class, CallOptions.defaults());
    LOG.debug("[runway] uploaded {} bytes as {}", data.length, runwayUri);
    return runwayUri;
  }

  /**
   * @param id a task id
   * @return it
   * @throws IllegalArgumentException if it cannot be a path segment
   */
  public static String checkId(String id) {
    if (id == null || !TASK_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a Runway task id: " + (id == null ? null
          : id.replaceAll("[\\r\\n]", "?")));
    }
    return id;
  }

  @Override
  public String toString() {
    return "RunwayTasks[" + http + "]";
  }
}
