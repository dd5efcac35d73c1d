package dev.vcg.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcg.VideoCreationGateway;
import dev.vcg.internal.Json;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A server on an ephemeral loopback port over an offline gateway (local providers, no keys, store
 * and assets in a temporary directory), and a real HTTP client to call it.
 */
final class TestServer implements AutoCloseable {
  final ProviderRegistry registry;
  final VideoCreationGateway gateway;
  final GatewayServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private TestServer(ProviderRegistry registry, VideoCreationGateway gateway, GatewayServer server) {
    this.registry = registry;
    this.gateway = gateway;
    this.server = server;
  }

  static TestServer start(Path dir) {
    return start(dir, Map.of(), g -> { }, s -> { });
  }

  /**
   * @param dir a temporary directory for the store and the assets
   * @param env the environment the providers see (empty: everything offline)
   * @param gatewaySettings more gateway settings
   * @param serverSettings more server settings
   */
  static TestServer start(Path dir, Map<String, String> env, Consumer<VideoCreationGateway.Builder> gatewaySettings,
                          Consumer<GatewayServer.Builder> serverSettings) {
    ProviderRegistry registry = ProviderRegistry.discover().withEnvironment(env::get, k -> null);
    // Small offline clips, written under the test's directory: real H.264, rendered in well under a second.
    VideoCreationGateway.Builder gb = VideoCreationGateway.builder().providers(registry)
        .storeDirectory(dir.resolve("store"))
        .providerConfig(ProviderConfig.builder("local").option("maxLongSide", "128").option("renderInline", "true")
            .option("outputDir", dir.resolve("clips").toString()).build());
    gatewaySettings.accept(gb);
    VideoCreationGateway gateway = gb.build();
    GatewayServer.Builder sb = GatewayServer.builder().gateway(gateway).providers(registry).port(0)
        .heartbeat(Duration.ofSeconds(30));
    serverSettings.accept(sb);
    return new TestServer(registry, gateway, sb.build().start());
  }

  URI uri(String path) {
    return server.uri().resolve(path);
  }

  Response get(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  Response post(String path, String json, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(120))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  Response post(String path) {
    return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(120))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Reads an event stream to its end. */
  EventLog events(String path, String... headers) {
    return events(path, e -> false, headers);
  }

  /**
   * Reads an event stream until it ends, calling back after every event or comment.
   *
   * @param path the stream
   * @param stopEarly closes the stream once it returns true for the log so far
   * @param headers request headers
   * @return what was read
   */
  EventLog events(String path, Predicate<EventLog> stopEarly, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    try {
      HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      EventLog log = new EventLog(r.statusCode(), r.headers());
      try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        String id = null;
        String event = null;
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
          log.raw.append(line).append('\n');
          if (line.isEmpty()) {
            if (event != null || data.length() > 0) {
              log.events.add(new Event(id, event == null ? "message" : event, data.toString()));
            }
            id = null;
            event = null;
            data.setLength(0);
            if (stopEarly.test(log)) {
              break;
            }
          } else if (line.startsWith(":")) {
            log.comments.add(line.substring(1).strip());
            if (stopEarly.test(log)) {
              break;
            }
          } else if (line.startsWith("id:")) {
            id = line.substring(3).strip();
          } else if (line.startsWith("event:")) {
            event = line.substring(6).strip();
          } else if (line.startsWith("data:")) {
            if (data.length() > 0) {
              data.append('\n');
            }
            data.append(line.substring(5).strip());
          }
        }
      }
      return log;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
    gateway.close();
  }

  static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A response: status, headers, body. */
  record Response(int status, HttpHeaders headers, String body) {
    JsonNode json() {
      return TestServer.json(body);
    }

    String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }
  }

  /** One server-sent event. */
  record Event(String id, String event, String data) {
    JsonNode json() {
      return TestServer.json(data);
    }
  }

  /** What an event stream sent. */
  static final class EventLog {
    final int status;
    final HttpHeaders headers;
    final List<Event> events = new ArrayList<>();
    final List<String> comments = new ArrayList<>();
    final StringBuilder raw = new StringBuilder();

    EventLog(int status, HttpHeaders headers) {
      this.status = status;
      this.headers = headers;
    }

    Event last() {
      return events.get(events.size() - 1);
    }

    List<Event> named(String name) {
      return events.stream().filter(e -> e.event().equals(name)).toList();
    }
  }
}
