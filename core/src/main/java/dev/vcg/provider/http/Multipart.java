package dev.vcg.provider.http;

import com.github.mizosoft.methanol.MediaType;
import com.github.mizosoft.methanol.MultipartBodyPublisher;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A {@code multipart/form-data} request body (e.g. OpenAI image edits): text fields and file
 * parts held in memory, so the body can be sent again on a retry. A name may repeat
 * (e.g. several {@code image[]} parts).
 *
 * <pre>{@code
 * Multipart body = Multipart.builder()
 *     .text("model", "gpt-image-1")
 *     .text("prompt", "add a red scarf")
 *     .file("image[]", "frame.png", pngBytes, "image/png")
 *     .build();
 * client.postMultipart("/images/edits", body, ImagesResponse.class, CallOptions.paidSubmission());
 * }</pre>
 *
 * <p>Immutable and thread-safe (file contents are copied).
 */
public final class Multipart {
  private final List<Part> parts;

  private Multipart(List<Part> parts) {
    this.parts = Collections.unmodifiableList(new ArrayList<>(parts));
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the part names in order, for logs */
  public List<String> partNames() {
    List<String> names = new ArrayList<>();
    for (Part p : parts) {
      names.add(p.name);
    }
    return Collections.unmodifiableList(names);
  }

  /** A fresh publisher for one attempt. */
  MultipartBodyPublisher publisher() {
    MultipartBodyPublisher.Builder b = MultipartBodyPublisher.newBuilder();
    for (Part p : parts) {
      if (p.filename == null) {
        b.textPart(p.name, p.text);
      } else {
        b.formPart(p.name, p.filename, HttpRequest.BodyPublishers.ofByteArray(p.content),
            MediaType.parse(p.contentType));
      }
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "Multipart" + partNames();
  }

  private static final class Part {
    final String name;
    final String text;
    final String filename;
    final byte[] content;
    final String contentType;

    Part(String name, String text, String filename, byte[] content, String contentType) {
      this.name = name;
      this.text = text;
      this.filename = filename;
      this.content = content;
      this.contentType = contentType;
    }
  }

  /** Builds a {@link Multipart}. Not thread-safe. */
  public static final class Builder {
    private final List<Part> parts = new ArrayList<>();

    private Builder() {
    }

    /**
     * Adds a text field.
     *
     * @param name field name
     * @param value field value
     * @return this builder
     * @throws IllegalArgumentException if the name is blank
     */
    public Builder text(String name, String value) {
      checkName(name);
      Objects.requireNonNull(value, "value");
      parts.add(new Part(name, value, null, null, null));
      return this;
    }

    /**
     * Adds a file part.
     *
     * @param name field name, e.g. {@code image[]}
     * @param filename the file name sent to the provider
     * @param content the bytes (copied)
     * @param contentType e.g. {@code image/png}
     * @return this builder
     * @throws IllegalArgumentException if the name or filename is blank or the type is not a media type
     */
    public Builder file(String name, String filename, byte[] content, String contentType) {
      checkName(name);
      Objects.requireNonNull(filename, "filename");
      Objects.requireNonNull(content, "content");
      Objects.requireNonNull(contentType, "contentType");
      if (filename.isBlank() || filename.indexOf('"') >= 0 || filename.indexOf('\r') >= 0
          || filename.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("filename must be a plain, non-blank name: " + filename);
      }
      MediaType.parse(contentType);
      parts.add(new Part(name, null, filename, content.clone(), contentType));
      return this;
    }

    /**
     * @return the body
     * @throws IllegalStateException if it has no parts
     */
    public Multipart build() {
      if (parts.isEmpty()) {
        throw new IllegalStateException("parts: add at least one part");
      }
      return new Multipart(parts);
    }

    private static void checkName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank() || name.indexOf('"') >= 0 || name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("part name must be a plain, non-blank name: " + name);
      }
    }
  }
}
