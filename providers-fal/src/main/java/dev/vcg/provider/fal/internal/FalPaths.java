package dev.vcg.provider.fal.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * fal's model ids and queue URLs. A model id is {@code owner/app[/path]} (e.g.
 * {@code fal-ai/kling-video/v2.1/pro/image-to-video}); a request is submitted to the full id,
 * while its status, result and cancel URLs use only {@code owner/app} (with the namespace
 * prefix {@code workflows/} or {@code comfy/} where present).
 */
public final class FalPaths {
  private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9._-]+)+");
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Set<String> NAMESPACES = Set.of("workflows", "comfy");

  private FalPaths() {
  }

  /**
   * @param model a fal model id
   * @return the id
   * @throws IllegalArgumentException if it is not {@code owner/app[/path]} of plain segments
   */
  public static String checkModelId(String model) {
    Objects.requireNonNull(model, "model");
    if (!MODEL.matcher(model).matches() || model.contains("/../") || model.contains("/./")
        || model.endsWith("/..") || model.endsWith("/.")) {
      throw new IllegalArgumentException("a fal model id looks like owner/app[/path] (e.g. fal-ai/flux/dev): "
          + model);
    }
    if (NAMESPACES.contains(model.substring(0, model.indexOf('/'))) && model.split("/").length < 3) {
      throw new IllegalArgumentException("a fal model id in the " + model.substring(0, model.indexOf('/'))
          + " namespace looks like namespace/owner/app[/path]: " + model);
    }
    return model;
  }

  /**
   * @param requestId a request id from fal
   * @return it
   * @throws IllegalArgumentException if it cannot be a path segment
   */
  public static String checkRequestId(String requestId) {
    Objects.requireNonNull(requestId, "requestId");
    if (!REQUEST_ID.matcher(requestId).matches()) {
      throw new IllegalArgumentException("not a fal request id: " + requestId.replaceAll("[\\r\\n]", "?"));
    }
    return requestId;
  }

  /**
   * @param model a fal model id
   * @return the part its queue URLs use: {@code owner/app} (or {@code namespace/owner/app})
   */
  public static String appPath(String model) {
    String[] parts = checkModelId(model).split("/");
    if (NAMESPACES.contains(parts[0])) {
      return parts[0] + "/" + parts[1] + "/" + parts[2];
    }
    return parts[0] + "/" + parts[1];
  }

  /**
   * The queue URLs of a request, built from the model id when fal did not return them.
   *
   * @param base the queue base URL, e.g. {@code https://queue.fal.run}
   * @param model the model id
   * @param requestId the request id
   * @return the URLs
   */
  public static QueueUrls build(URI base, String model, String requestId) {
    String root = base.toString();
    while (root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
    String request = root + "/" + appPath(model) + "/requests/" + checkRequestId(requestId);
    return new QueueUrls(request + "/status", request, request + "/cancel");
  }

  /**
   * @param uri a URL
   * @return scheme, host and port, for same-origin checks
   */
  public static String origin(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    if (port < 0) {
      port = "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
    }
    return scheme + "://" + (uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT)) + ":" + port;
  }

  /**
   * @param url a URL fal returned
   * @param base the queue base URL
   * @return whether it is an http(s) URL on the base URL's origin (only those receive the key)
   */
  public static boolean sameOrigin(String url, URI base) {
    if (url == null || url.isBlank()) {
      return false;
    }
    try {
      URI u = new URI(url.strip());
      return u.isAbsolute() && u.getHost() != null && u.getRawQuery() == null
          && ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
          && origin(u).equals(origin(base));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
