package dev.vcg.examples.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vcg.VideoCreationGateway;
import dev.vcg.internal.Json;
import dev.vcg.provider.ProviderRegistry;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every handler of one server shares: the gateway, the settings, the mapper, the secrets. */
final class ServerContext {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

  private final VideoCreationGateway gateway;
  private final ProviderRegistry registry;
  private final Secrets secrets = new Secrets();
  private final long maxBodyBytes;
  private final Duration heartbeat;
  private final Duration syncTimeout;
  private final Semaphore streams;
  private final EventStreams open = new EventStreams();

  ServerContext(VideoCreationGateway gateway, ProviderRegistry registry, long maxBodyBytes, Duration heartbeat,
                Duration syncTimeout, int maxStreams) {
    this.gateway = gateway;
    this.registry = registry;
    this.maxBodyBytes = maxBodyBytes;
    this.heartbeat = heartbeat;
    this.syncTimeout = syncTimeout;
    this.streams = new Semaphore(maxStreams);
  }

  VideoCreationGateway gateway() {
    return gateway;
  }

  ProviderRegistry registry() {
    return registry;
  }

  ObjectMapper mapper() {
    return Json.mapper();
  }

  Secrets secrets() {
    return secrets;
  }

  long maxBodyBytes() {
    return maxBodyBytes;
  }

  Duration heartbeat() {
    return heartbeat;
  }

  Duration syncTimeout() {
    return syncTimeout;
  }

  /** @return permits for open event streams (one each) */
  Semaphore streamPermits() {
    return streams;
  }

  /** @return the event streams open now, to end them when the server stops */
  EventStreams openStreams() {
    return open;
  }

  Logger log() {
    return LOG;
  }
}
