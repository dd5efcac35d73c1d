package dev.vcg.media;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.vcg.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A piece of media: a remote URL, a local file or bytes in memory. Provider requests take
 * frames as {@code MediaRef}s; provider results return them. URLs from providers are untrusted:
 * fetch them through the SDK's guarded downloader, never directly.
 *
 * <p>Serialises to JSON with a {@code "type"} of {@code url}, {@code file} or {@code bytes}, so a
 * checkpointed run remembers its assets.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = MediaRef.Url.class, name = "url"),
    @JsonSubTypes.Type(value = MediaRef.File.class, name = "file"),
    @JsonSubTypes.Type(value = MediaRef.Bytes.class, name = "bytes")})
public sealed interface MediaRef permits MediaRef.Url, MediaRef.File, MediaRef.Bytes {

  /**
   * @param uri an absolute http(s) or data URI
   * @return a reference to it
   */
  static MediaRef url(URI uri) {
    return new Url(uri, null);
  }

  /**
   * @param path a local file
   * @return a reference to it
   */
  static MediaRef file(Path path) {
    return new File(path, null);
  }

  /**
   * @param data the content (copied)
   * @param mimeType its type, e.g. {@code image/png}
   * @return a reference to it
   */
  static MediaRef bytes(byte[] data, String mimeType) {
    return new Bytes(data, mimeType);
  }

  /** @return the MIME type, when known or recognisable from the name or content */
  Optional<String> contentType();

  /**
   * A remote resource.
   *
   * @param uri absolute http(s) or data URI
   * @param mimeType the type if known, else null
   */
  record Url(URI uri, String mimeType) implements MediaRef {
    /** Validates. */
    public Url {
      Objects.requireNonNull(uri, "uri");
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("data")) {
        throw new IllegalArgumentException("media URL must be http(s) or data: " + scheme + ":…");
      }
    }

    @Override
    public Optional<String> contentType() {
      return Optional.ofNullable(mimeType);
    }

    @Override
    public String toString() {
      // Signed provider URLs carry credentials in the query: never print it.
      String s = uri.getScheme() + ":" + (uri.getScheme().equalsIgnoreCase("data")
          ? "…" : "//" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath()));
      return "MediaRef.Url[" + s + "]";
    }
  }

  /**
   * A local file.
   *
   * @param path the file
   * @param mimeType the type if known, else null
   */
  record File(Path path, String mimeType) implements MediaRef {
    /** Validates. */
    public File {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public Optional<String> contentType() {
      return Optional.ofNullable(mimeType).or(() -> MediaTypes.guessFromName(path.getFileName().toString()));
    }
  }

  /**
   * Bytes in memory.
   *
   * @param data the content
   * @param mimeType its type
   */
  record Bytes(byte[] data, String mimeType) implements MediaRef {
    /** Validates and copies. */
    @JsonCreator
    public Bytes(@JsonProperty("data") byte[] data, @JsonProperty("mimeType") String mimeType) {
      Objects.requireNonNull(data, "data");
      this.data = data.clone();
      this.mimeType = mimeType;
    }

    /** @return a copy of the content */
    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public Optional<String> contentType() {
      return Optional.ofNullable(mimeType).or(() -> MediaTypes.sniff(data));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(data, b.data) && Objects.equals(mimeType, b.mimeType);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(data) + Objects.hashCode(mimeType);
    }

    @Override
    public String toString() {
      return "MediaRef.Bytes[" + data.length + " bytes" + (mimeType == null ? "" : ", " + mimeType) + "]";
    }
  }

  /**
   * Reads a local reference (file or bytes) into memory, refusing more than {@code maxBytes}.
   * URLs must be downloaded first.
   *
   * @param ref the media
   * @param maxBytes the largest content accepted
   * @return the content
   * @throws InvalidInputException if the file is unreadable, too large, or the ref is a URL
   */
  static byte[] readLocal(MediaRef ref, long maxBytes) {
    if (ref instanceof Bytes b) {
      if (b.data.length > maxBytes) {
        throw new InvalidInputException("media is " + b.data.length + " bytes; the limit is " + maxBytes);
      }
      return b.data();
    }
    if (ref instanceof File f) {
      try {
        long size = Files.size(f.path());
        if (size > maxBytes) {
          throw new InvalidInputException(f.path() + " is " + size + " bytes; the limit is " + maxBytes);
        }
        try (InputStream in = Files.newInputStream(f.path())) {
          return in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 8));
        }
      } catch (IOException e) {
        throw new InvalidInputException("cannot read " + f.path() + ": " + e.getMessage(), e);
      }
    }
    Url u = (Url) ref;
    if (u.uri().getScheme().equalsIgnoreCase("data")) {
      return MediaTypes.decodeDataUri(u.uri().toString(), maxBytes);
    }
    throw new InvalidInputException("remote media must be downloaded before it is read: " + ref);
  }

  /**
   * A {@code data:} URI of a local reference, for providers that accept inline images.
   *
   * @param ref a file, bytes or data URL
   * @param maxBytes the largest content accepted
   * @return the data URI
   */
  static String toDataUri(MediaRef ref, long maxBytes) {
    if (ref instanceof Url u && u.uri().getScheme().equalsIgnoreCase("data")) {
      return u.uri().toString();
    }
    byte[] data = readLocal(ref, maxBytes);
    String mime = ref.contentType().or(() -> MediaTypes.sniff(data)).orElse("application/octet-stream");
    return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(data);
  }
}
