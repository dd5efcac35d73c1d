package dev.vcg.examples.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps a method and a path to a handler. Patterns are literal segments and {@code {name}}
 * placeholders; a placeholder matches one segment of 1–128 letters, digits, {@code . _ -}
 * (anything else is no match, so odd ids are a 404 before any handler sees them).
 */
final class Router {
  /** Handles one matched call. */
  @FunctionalInterface
  interface Handler {
    void handle(Call call);
  }

  /** A match: the handler and the values of the placeholders, in order. */
  record Match(Handler handler, List<String> params) {
  }

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private record Route(String method, String[] segments, Handler handler) {
  }

  private final List<Route> routes = new ArrayList<>();

  /**
   * @param method e.g. {@code POST}
   * @param pattern e.g. {@code /api/projects/{id}/direct}
   * @param handler what handles it
   * @return this router
   */
  Router add(String method, String pattern, Handler handler) {
    Objects.requireNonNull(handler, "handler");
    routes.add(new Route(method, split(pattern), handler));
    return this;
  }

  /**
   * @param method the request's method
   * @param path the request's decoded path
   * @return the match
   * @throws HttpFailure 404 if no route has the path, 405 (with the allowed methods) if none
   *     has the method
   */
  Match match(String method, String path) {
    String[] segments = split(path);
    Set<String> allowed = new LinkedHashSet<>();
    for (Route r : routes) {
      Optional<List<String>> params = params(r.segments, segments);
      if (params.isEmpty()) {
        continue;
      }
      if (r.method.equals(method)) {
        return new Match(r.handler, params.get());
      }
      allowed.add(r.method);
    }
    if (!allowed.isEmpty()) {
      throw new HttpFailure(405, "method_not_allowed", method + " is not supported here; use "
          + String.join(" or ", allowed) + ".", Map.of("allow", List.copyOf(allowed)));
    }
    throw HttpFailure.notFound("There is nothing at " + Call.abbreviate(path)
        + ". The API lives under /api/gateway/video, /api/projects and /api/providers.");
  }

  private static Optional<List<String>> params(String[] pattern, String[] path) {
    if (pattern.length != path.length) {
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < pattern.length; i++) {
      String p = pattern[i];
      if (p.startsWith("{") && p.endsWith("}")) {
        if (!ID.matcher(path[i]).matches()) {
          return Optional.empty();
        }
        values.add(path[i]);
      } else if (!p.equals(path[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(values);
  }

  private static String[] split(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? new String[0] : p.split("/", -1);
  }
}
