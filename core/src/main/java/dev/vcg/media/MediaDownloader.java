package dev.vcg.media;

import dev.vcg.services.web.ContentRefusedException;
import dev.vcg.services.web.FetchRequest;
import dev.vcg.services.web.FetchResponse;
import dev.vcg.services.web.GuardedFetcher;
import dev.vcg.services.web.UrlRefusedException;
import dev.vcg.services.web.WebFetchException;
import dev.vcg.services.web.internal.Redact;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Downloads media from untrusted URLs (provider results, CDN links, user assets) through a
 * {@link GuardedFetcher}: only public addresses, no credentials sent, size caps checked against
 * {@code Content-Length} and again while streaming, a deadline on the whole download, and the
 * content's magic bytes must be an allowed type that agrees with the declared
 * {@code Content-Type} (a generic {@code application/octet-stream} declares nothing and is
 * accepted).
 *
 * <pre>{@code
 * MediaRef png = MediaDownloader.create().download(URI.create("https://cdn.example/frame.png"),
 *     MediaDownloader.Kind.IMAGE);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class MediaDownloader {
  /** What a download may be. */
  public enum Kind {
    /** PNG, JPEG, WebP or GIF, within the image cap. */
    IMAGE,
    /** MP4 or MOV, within the video cap. */
    VIDEO,
    /** An image or a video, each within its own cap. */
    ANY
  }

  private static final Set<String> GENERIC = Set.of("", "application/octet-stream", "binary/octet-stream",
      "application/binary", "application/unknown");
  private static final Map<String, String> ALIASES = Map.of("image/jpg", MediaTypes.JPEG, "image/pjpeg",
      MediaTypes.JPEG, "image/x-png", MediaTypes.PNG, "video/quicktime", MediaTypes.MP4, "video/x-m4v",
      MediaTypes.MP4, "application/mp4", MediaTypes.MP4, "image/x-webp", MediaTypes.WEBP);

  private final GuardedFetcher fetcher;
  private final DownloadLimits limits;

  private MediaDownloader(Builder b) {
    this.fetcher = b.fetcher;
    this.limits = b.limits;
  }

  /** @return a downloader with the default fetch policy and limits */
  public static MediaDownloader create() {
    return builder().build();
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the limits */
  public DownloadLimits limits() {
    return limits;
  }

  /**
   * Downloads into memory.
   *
   * @param url the untrusted URL
   * @param kind what the content may be
   * @return the content as {@link MediaRef.Bytes} with the detected MIME type
   * @throws UrlRefusedException if the URL, a redirect or an address breaks the fetch policy
   * @throws WebFetchException if the download fails or its deadline passes
   * @throws MediaException {@link MediaException.Reason#TOO_LARGE} over the cap;
   *     {@link MediaException.Reason#NOT_MEDIA} if the content is not an allowed type or does not
   *     match its declared type
   */
  public MediaRef download(URI url, Kind kind) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String mime = download(url, kind, out);
    return MediaRef.bytes(out.toByteArray(), mime);
  }

  /**
   * Streams a download to a sink. On failure the sink may hold a partial download: the caller
   * deletes it.
   *
   * @param url the untrusted URL
   * @param kind what the content may be
   * @param sink receives the bytes; not closed
   * @return the detected MIME type
   * @throws UrlRefusedException if the URL, a redirect or an address breaks the fetch policy
   * @throws WebFetchException if the download fails or its deadline passes
   * @throws MediaException {@link MediaException.Reason#TOO_LARGE} over the cap;
   *     {@link MediaException.Reason#NOT_MEDIA} if the content is not an allowed type or does not
   *     match its declared type
   */
  public String download(URI url, Kind kind, OutputStream sink) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sink, "sink");
    String where = Redact.url(url);
    long cap = switch (kind) {
      case IMAGE -> limits.maxImageBytes();
      case VIDEO -> limits.maxVideoBytes();
      case ANY -> Math.max(limits.maxImageBytes(), limits.maxVideoBytes());
    };
    List<String> accepted = new ArrayList<>(GENERIC);
    accepted.remove("");
    accepted.addAll(ALIASES.keySet());
    if (kind != Kind.VIDEO) {
      accepted.add("image/*");
    }
    if (kind != Kind.IMAGE) {
      accepted.add("video/*");
    }
    FetchRequest request = FetchRequest.builder(url).acceptedTypes(accepted).maxBytes(cap)
        .deadline(kind == Kind.IMAGE ? limits.imageDeadline() : limits.videoDeadline()).build();
    FetchResponse response;
    try {
      response = fetcher.open(request);
    } catch (ContentRefusedException e) {
      throw refused(where, e);
    }
    try (response) {
      String declared = normalise(response.mediaType());
      if (!GENERIC.contains(declared) && !allowed(declared, kind)) {
        throw new MediaException(null, MediaException.Reason.NOT_MEDIA, where + " declares " + Redact.text(declared, 60)
            + ", which is not an allowed " + kind.name().toLowerCase(Locale.ROOT) + " type");
      }
      long declaredCap = GENERIC.contains(declared) ? cap : capFor(declared);
      if (response.declaredLength().isPresent() && response.declaredLength().getAsLong() > declaredCap) {
        throw new MediaException(null, MediaException.Reason.TOO_LARGE, where + " declares "
            + response.declaredLength().getAsLong() + " bytes; at most " + declaredCap + " are accepted");
      }
      CheckingSink checking = new CheckingSink(sink, where, declared, kind);
      try {
        response.transferTo(checking);
      } catch (ContentRefusedException e) {
        throw refused(where, e);
      }
      return checking.finish();
    }
  }

  private static MediaException refused(String where, ContentRefusedException e) {
    boolean size = e.reason().contains("larger than") || e.reason().contains("declares");
    return new MediaException(null, size ? MediaException.Reason.TOO_LARGE : MediaException.Reason.NOT_MEDIA,
        where + ": " + e.reason(), e);
  }

  private static String normalise(String mediaType) {
    return ALIASES.getOrDefault(mediaType, mediaType);
  }

  private static boolean allowed(String mime, Kind kind) {
    boolean image = ImageInspector.isImage(mime);
    boolean video = mime.equals(MediaTypes.MP4);
    return switch (kind) {
      case IMAGE -> image;
      case VIDEO -> video;
      case ANY -> image || video;
    };
  }

  private long capFor(String mime) {
    return mime.equals(MediaTypes.MP4) ? limits.maxVideoBytes() : limits.maxImageBytes();
  }

  /** Checks magic bytes and the per-type cap while bytes pass through. */
  private final class CheckingSink extends OutputStream {
    private final OutputStream out;
    private final String where;
    private final String declared;
    private final Kind kind;
    private final byte[] head = new byte[12];
    private int headLength;
    private String detected;
    private long count;

    CheckingSink(OutputStream out, String where, String declared, Kind kind) {
      this.out = out;
      this.where = where;
      this.declared = declared;
      this.kind = kind;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      count += len;
      if (detected == null) {
        int take = Math.min(len, head.length - headLength);
        System.arraycopy(b, off, head, headLength, take);
        headLength += take;
        if (headLength == head.length) {
          detect();
        }
      }
      if (detected != null && count > capFor(detected)) {
        throw new MediaException(null, MediaException.Reason.TOO_LARGE, where + " is larger than "
            + capFor(detected) + " bytes, the limit for " + detected);
      }
      out.write(b, off, len);
    }

    String finish() {
      if (detected == null) {
        detect();
      }
      return detected;
    }

    private void detect() {
      byte[] h = java.util.Arrays.copyOf(head, headLength);
      Optional<String> sniffed = MediaTypes.sniff(h);
      if (sniffed.isEmpty() || !allowed(sniffed.get(), kind)) {
        throw new MediaException(null, MediaException.Reason.NOT_MEDIA, where + " is not an allowed "
            + kind.name().toLowerCase(Locale.ROOT) + " (its content is " + sniffed.orElse("unrecognised")
            + "; allowed: PNG, JPEG, WebP, GIF images and MP4/MOV videos)");
      }
      if (!GENERIC.contains(declared) && !declared.equals(sniffed.get())) {
        throw new MediaException(null, MediaException.Reason.NOT_MEDIA, where + " declares " + declared
            + " but its content is " + sniffed.get());
      }
      detected = sniffed.get();
    }
  }

  /** Builds a {@link MediaDownloader}. Not thread-safe. */
  public static final class Builder {
    private GuardedFetcher fetcher;
    private DownloadLimits limits = DownloadLimits.defaults();

    private Builder() {
    }

    /**
     * @param fetcher the guarded fetcher (default {@link GuardedFetcher#create()})
     * @return this builder
     */
    public Builder fetcher(GuardedFetcher fetcher) {
      this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
      return this;
    }

    /**
     * @param limits size and time caps (default {@link DownloadLimits#defaults()})
     * @return this builder
     */
    public Builder limits(DownloadLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** @return the downloader */
    public MediaDownloader build() {
      if (fetcher == null) {
        fetcher = GuardedFetcher.create();
      }
      return new MediaDownloader(this);
    }
  }
}
