package dev.vcg.workflows.generation;

import dev.vcg.media.MediaRef;
import dev.vcg.media.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps a test run's assets in a temporary directory, one folder per run. */
final class DirSink implements AssetSink {
  final Path base;
  final List<String> saved = new CopyOnWriteArrayList<>();

  DirSink(Path base) {
    this.base = base;
  }

  @Override
  public MediaRef save(String runId, String name, MediaRef media) {
    try {
      byte[] data;
      if (media instanceof MediaRef.Url u && !u.uri().getScheme().equals("data")) {
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(u.uri()).build(),
            HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
          data = in.readAllBytes();
        }
        if (r.statusCode() != 200) {
          throw new IOException("download of " + u + " answered " + r.statusCode());
        }
      } else {
        data = MediaRef.readLocal(media, 64L << 20);
      }
      String ext = MediaTypes.sniff(data).map(MediaTypes::extension).orElse("bin");
      Path dir = Files.createDirectories(base.resolve(runId));
      Path target = dir.resolve(name + "." + ext);
      Path tmp = Files.createTempFile(dir, ".asset", ".tmp");
      Files.write(tmp, data);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      saved.add(runId + "/" + name);
      return MediaRef.file(target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Path file(String runId, String fileName) {
    try {
      return Files.createDirectories(base.resolve(runId)).resolve(fileName);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
