package dev.vcg.media;

import dev.vcg.services.web.internal.Redact;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AssetStore} in a local directory: {@code <base>/<runId>/<name>.<ext>}, where the base
 * is resolved to an absolute real path when the store is built, the run id and name are reduced
 * to {@code [A-Za-z0-9._-]} (a short hash of the original is appended whenever anything had to be
 * changed, so different ids never share a directory), a missing name becomes the first 16 hex
 * digits of the content's SHA-256, and the extension comes from the type detected by magic bytes.
 *
 * <p>Every path is checked to stay inside the base ({@code normalize()} + {@code startsWith}) and
 * symbolic links are never followed: a run directory that is a link is refused. Content is
 * written to a temporary file in the run's directory ({@code CREATE_NEW}, POSIX mode 0640 where
 * supported), then moved into place with {@code ATOMIC_MOVE}; a failed or oversized write leaves
 * nothing behind. Remote URLs are downloaded through a {@link MediaDownloader}.
 *
 * <pre>{@code
 * AssetStore store = LocalAssetStore.create(Path.of("assets"));
 * MediaRef.File clip = store.store(runId, "shot-3", providerResult.video());
 * }</pre>
 *
 * <p>Thread-safe: concurrent writes of the same name end with one complete file.
 */
public final class LocalAssetStore implements AssetStore {
  private static final Logger LOG = LoggerFactory.getLogger(LocalAssetStore.class);
  private static final int MAX_RUN_ID = 64;
  private static final int MAX_NAME = 100;
  private static final String TEMP_PREFIX = ".incoming-";
  private static final Set<String> MEDIA_EXTENSIONS = Set.of("png", "jpg", "jpeg", "webp", "gif", "mp4", "mov",
      "m4v", "bin");
  private static final Set<String> WINDOWS_RESERVED = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3",
      "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8",
      "lpt9");
  private static final Map<String, String> ALIASES = Map.of("image/jpg", MediaTypes.JPEG, "image/pjpeg",
      MediaTypes.JPEG, "image/x-png", MediaTypes.PNG, "video/quicktime", MediaTypes.MP4, "video/x-m4v",
      MediaTypes.MP4, "application/mp4", MediaTypes.MP4);
  private static final Set<String> GENERIC = Set.of("", "application/octet-stream", "binary/octet-stream");

  private final Path base;
  private final MediaDownloader downloader;
  private final DownloadLimits limits;
  private final boolean posix;

  private LocalAssetStore(Path base, MediaDownloader downloader) {
    this.base = base;
    this.downloader = downloader;
    this.limits = downloader.limits();
    this.posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /**
   * @param baseDirectory where assets go; created if missing
   * @return a store with the default downloader
   * @throws MediaException {@link MediaException.Reason#OUTPUT_FAILED} if the directory cannot be
   *     created or is not a directory
   */
  public static LocalAssetStore create(Path baseDirectory) {
    return builder().baseDirectory(baseDirectory).build();
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the base directory: absolute, real, without symbolic links */
  public Path baseDirectory() {
    return base;
  }

  @Override
  public MediaRef.File store(String runId, String name, MediaRef media) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(media, "media");
    Path dir = runDirectory(runId, true);
    Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID() + ".tmp");
    boolean moved = false;
    try {
      Sink sink;
      try (OutputStream file = Channels.newOutputStream(Files.newByteChannel(temp, createOptions(), fileMode()))) {
        sink = new Sink(file, declared(media));
        write(media, sink);
        sink.finish();
      }
      String fileName = (name == null ? sink.hashPrefix() : sanitise(stripExtension(name), MAX_NAME)) + "."
          + MediaTypes.extension(sink.detected);
      Path target = inside(dir, fileName);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
      LOG.debug("stored {} ({}, {} bytes)", target, sink.detected, sink.count);
      return new MediaRef.File(target, sink.detected);
    } catch (IOException e) {
      throw new MediaException(null, MediaException.Reason.OUTPUT_FAILED, "cannot write to the asset store "
          + base + ": " + e.getMessage(), e);
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          LOG.warn("could not delete the partial file {}: {}", temp, e.toString());
        }
      }
    }
  }

  @Override
  public List<MediaRef.File> list(String runId) {
    Objects.requireNonNull(runId, "runId");
    Path dir = runDirectory(runId, false);
    List<MediaRef.File> out = new ArrayList<>();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String n = p.getFileName().toString();
        if (!n.startsWith(".") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add(new MediaRef.File(p, MediaTypes.guessFromName(n).orElse(null)));
        }
      }
    } catch (IOException e) {
      throw new MediaException(null, MediaException.Reason.OUTPUT_FAILED, "cannot list " + dir + ": " + e.getMessage(), e);
    }
    out.sort((a, b) -> a.path().compareTo(b.path()));
    return out;
  }

  @Override
  public void delete(String runId) {
    Objects.requireNonNull(runId, "runId");
    Path dir = runDirectory(runId, false);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path p : entries) {
          if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(p + " is a directory; the store never creates one there");
          }
          Files.delete(p);
        }
      }
      Files.delete(dir);
    } catch (IOException e) {
      throw new MediaException(null, MediaException.Reason.OUTPUT_FAILED, "cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }

  private Path runDirectory(String runId, boolean create) {
    Path dir = inside(base, sanitise(runId, MAX_RUN_ID));
    try {
      if (Files.isSymbolicLink(dir)) {
        throw new MediaException(null, MediaException.Reason.OUTPUT_FAILED, dir
            + " is a symbolic link; the asset store does not follow links. Remove it");
      }
      if (create && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createDirectory(dir, dirMode());
        } catch (FileAlreadyExistsException raced) {
          // created by a concurrent store: checked below
        }
      }
      if (create && (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !dir.toRealPath().equals(dir))) {
        throw new MediaException(null, MediaException.Reason.OUTPUT_FAILED, dir
            + " is not a plain directory inside the asset store");
      }
    } catch (IOException e) {
      throw new MediaException(null, MediaException.Reason.OUTPUT_FAILED, "cannot create " + dir + ": " + e.getMessage(), e);
    }
    return dir;
  }

  /** Resolves one sanitised segment and proves it stays a direct child of {@code parent}. */
  private static Path inside(Path parent, String segment) {
    Path p = parent.resolve(segment).normalize();
    if (!p.startsWith(parent) || !parent.equals(p.getParent())) {
      throw new IllegalStateException("a sanitised name escaped its directory: " + segment);
    }
    return p;
  }

  /**
   * Reduces any string to a safe file name segment: {@code [A-Za-z0-9._-]} only, no leading dot, at
   * most {@code max} characters, never a reserved device name; when anything changed, a hash of
   * the original is appended so that distinct inputs stay distinct.
   */
  static String sanitise(String raw, int max) {
    StringBuilder sb = new StringBuilder(Math.min(raw.length(), max));
    for (int i = 0; i < raw.length() && sb.length() < max; i++) {
      char c = raw.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || (c == '.' && sb.length() > 0);
      sb.append(ok ? c : '_');
    }
    while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '.') {
      sb.setLength(sb.length() - 1);
    }
    String s = sb.toString();
    int dot = s.indexOf('.');
    if (WINDOWS_RESERVED.contains((dot < 0 ? s : s.substring(0, dot)).toLowerCase(Locale.ROOT))) {
      s = "_" + s;
    }
    if (!s.equals(raw) || s.isEmpty()) {
      String hash = sha256(raw.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
      s = (s.length() > max - 9 ? s.substring(0, max - 9) : s) + (s.isEmpty() ? "" : "-") + hash;
    }
    return s;
  }

  private static String stripExtension(String name) {
    int dot = name.lastIndexOf('.');
    if (dot > 0 && MEDIA_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
      return name.substring(0, dot);
    }
    return name;
  }

  private static String declared(MediaRef media) {
    String m;
    if (media instanceof MediaRef.Bytes b) {
      m = b.mimeType();
    } else if (media instanceof MediaRef.File f) {
      m = f.mimeType();
    } else {
      m = ((MediaRef.Url) media).mimeType();
    }
    if (m == null) {
      return "";
    }
    String t = m.toLowerCase(Locale.ROOT);
    int semi = t.indexOf(';');
    t = (semi < 0 ? t : t.substring(0, semi)).trim();
    return ALIASES.getOrDefault(t, t);
  }

  private void write(MediaRef media, Sink sink) throws IOException {
    if (media instanceof MediaRef.Bytes b) {
      sink.write(b.data());
      return;
    }
    if (media instanceof MediaRef.File f) {
      Path source = f.path();
      if (!Files.isRegularFile(source)) {
        throw new MediaException(source, MediaException.Reason.NOT_FOUND, source + " is not a readable file");
      }
      try (InputStream in = Files.newInputStream(source)) {
        in.transferTo(sink);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new MediaException(source, MediaException.Reason.NOT_FOUND, source + " is not a readable file", e);
      }
      return;
    }
    MediaRef.Url u = (MediaRef.Url) media;
    if (u.uri().getScheme().equalsIgnoreCase("data")) {
      long cap = Math.max(limits.maxImageBytes(), limits.maxVideoBytes());
      try {
        sink.write(MediaTypes.decodeDataUri(u.uri().toString(), Math.min(cap, Integer.MAX_VALUE - 8)));
      } catch (dev.vcg.InvalidInputException e) {
        throw new MediaException(null, MediaException.Reason.CORRUPT, "the data URL cannot be used: " + e.getMessage(), e);
      }
      return;
    }
    String hint = sink.declared;
    MediaDownloader.Kind kind = hint.startsWith("image/") ? MediaDownloader.Kind.IMAGE
        : hint.startsWith("video/") ? MediaDownloader.Kind.VIDEO : MediaDownloader.Kind.ANY;
    sink.remote = Redact.url(u.uri());
    downloader.download(u.uri(), kind, sink);
  }

  private static Set<OpenOption> createOptions() {
    return Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  }

  private FileAttribute<?>[] fileMode() {
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----"))}
        : new FileAttribute<?>[0];
  }

  private FileAttribute<?>[] dirMode() {
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---"))}
        : new FileAttribute<?>[0];
  }

  static String sha256(byte[] data) {
    return HexFormat.of().formatHex(digest().digest(data));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** Counts, hashes and checks content on its way to the temporary file. */
  private final class Sink extends OutputStream {
    private final OutputStream out;
    private final String declared;
    private final MessageDigest sha = digest();
    private final byte[] head = new byte[12];
    private int headLength;
    private String detected;
    private long count;
    private String remote = "the media";

    Sink(OutputStream out, String declared) {
      this.out = out;
      this.declared = declared;
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
      long cap = detected == null ? Math.max(limits.maxImageBytes(), limits.maxVideoBytes())
          : detected.equals(MediaTypes.MP4) ? limits.maxVideoBytes() : limits.maxImageBytes();
      if (count > cap) {
        throw new MediaException(null, MediaException.Reason.TOO_LARGE, remote + " is larger than " + cap
            + " bytes, the limit for " + (detected == null ? "media" : detected));
      }
      sha.update(b, off, len);
      out.write(b, off, len);
    }

    void finish() {
      if (detected == null) {
        detect();
      }
    }

    String hashPrefix() {
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    private void detect() {
      Optional<String> sniffed = MediaTypes.sniff(java.util.Arrays.copyOf(head, headLength));
      if (sniffed.isEmpty()) {
        throw new MediaException(null, MediaException.Reason.NOT_MEDIA, remote
            + " is not a PNG, JPEG, WebP or GIF image or an MP4/MOV video");
      }
      if (!GENERIC.contains(declared) && !declared.equals(sniffed.get())) {
        throw new MediaException(null, MediaException.Reason.NOT_MEDIA, remote + " is declared as " + declared
            + " but its content is " + sniffed.get());
      }
      detected = sniffed.get();
    }
  }

  /** Builds a {@link LocalAssetStore}. Not thread-safe. */
  public static final class Builder {
    private Path baseDirectory;
    private MediaDownloader downloader;

    private Builder() {
    }

    /**
     * @param directory where assets go (required); created if missing
     * @return this builder
     */
    public Builder baseDirectory(Path directory) {
      this.baseDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * @param downloader downloads remote URLs; its {@link DownloadLimits} cap every stored asset
     *     (default {@link MediaDownloader#create()})
     * @return this builder
     */
    public Builder downloader(MediaDownloader downloader) {
      this.downloader = Objects.requireNonNull(downloader, "downloader");
      return this;
    }

    /**
     * @return the store
     * @throws IllegalStateException if the base directory is missing
     * @throws MediaException {@link MediaException.Reason#OUTPUT_FAILED} if it cannot be created or
     *     is not a directory
     */
    public LocalAssetStore build() {
      if (baseDirectory == null) {
        throw new IllegalStateException("baseDirectory is required");
      }
      Path real;
      try {
        Files.createDirectories(baseDirectory);
        real = baseDirectory.toRealPath();
      } catch (IOException e) {
        throw new MediaException(baseDirectory, MediaException.Reason.OUTPUT_FAILED, "cannot use " + baseDirectory
            + " as the asset store: " + e.getMessage(), e);
      }
      if (!Files.isDirectory(real)) {
        throw new MediaException(baseDirectory, MediaException.Reason.OUTPUT_FAILED, baseDirectory + " is not a directory");
      }
      return new LocalAssetStore(real, downloader == null ? MediaDownloader.create() : downloader);
    }
  }
}
