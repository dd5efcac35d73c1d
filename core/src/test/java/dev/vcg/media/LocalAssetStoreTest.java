package dev.vcg.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vcg.services.web.FetchPolicy;
import dev.vcg.services.web.GuardedFetcher;
import dev.vcg.services.web.UrlRefusedException;
import dev.vcg.services.web.WebFetchException;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAssetStoreTest {
  private static final byte[] PNG = TestImages.encode(TestImages.split(16, 8, Color.RED, Color.BLUE, 0.5), "png");
  private static final byte[] JPEG = TestImages.encode(TestImages.split(16, 8, Color.RED, Color.BLUE, 0.5), "jpeg");

  @TempDir
  Path root;
  private Path base;
  private LocalAssetStore store;
  private HttpServer server;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void setUp() throws IOException {
    base = root.resolve("assets");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
    store = LocalAssetStore.builder().baseDirectory(base).downloader(downloader(Duration.ofSeconds(10))).build();
  }

  @AfterEach
  void tearDown() {
    release.countDown();
    server.stop(0);
  }

  private MediaDownloader downloader(Duration deadline) {
    return MediaDownloader.builder()
        .fetcher(GuardedFetcher.builder().policy(FetchPolicy.builder().allowLoopbackForTesting(true)
            .allowPort(server.getAddress().getPort()).build()).build())
        .limits(DownloadLimits.builder().maxImageBytes(3_000).maxVideoBytes(6_000).imageDeadline(deadline)
            .videoDeadline(deadline).build())
        .build();
  }

  private URI serve(String path, String type, byte[] body, boolean stallAfterHalf) {
    server.createContext(path, ex -> {
      ex.getResponseHeaders().add("Content-Type", type);
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        if (stallAfterHalf) {
          out.write(body, 0, body.length / 2);
          out.flush();
          release.await(30, TimeUnit.SECONDS);
        } else {
          out.write(body);
        }
      } catch (IOException | InterruptedException ignored) {
        // the client went away
      }
    });
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private List<Path> everythingUnder(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir)).toList();
    }
  }

  @Test
  void bytesAreStoredUnderTheRunWithTheDetectedExtension() throws Exception {
    MediaRef.File f = store.store("run-1", "frame-0", MediaRef.bytes(PNG, "image/png"));

    assertThat(f.path()).isEqualTo(base.toRealPath().resolve("run-1/frame-0.png"));
    assertThat(f.mimeType()).isEqualTo(MediaTypes.PNG);
    assertThat(Files.readAllBytes(f.path())).isEqualTo(PNG);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path()))).isEqualTo("rw-r-----");
    }
    assertThat(store.baseDirectory().isAbsolute()).isTrue();
  }

  @Test
  void withoutANameTheContentHashNamesTheFile() throws Exception {
    MediaRef.File a = store.store("r", null, MediaRef.bytes(PNG, null));
    MediaRef.File b = store.store("r", null, MediaRef.bytes(PNG, null));
    String sha = LocalAssetStore.sha256(PNG).substring(0, 16);
    assertThat(a.path().getFileName()).hasToString(sha + ".png");
    assertThat(b.path()).isEqualTo(a.path());
    assertThat(store.list("r")).hasSize(1);
  }

  @Test
  void theExtensionFollowsTheContentNotTheName() {
    byte[] mp4 = MediaDownloaderTest.mp4(600);
    assertThat(store.store("r", "clip.png", MediaRef.bytes(mp4, null)).path().getFileName()).hasToString("clip.mp4");
    assertThat(store.store("r", "Photo.JPG", MediaRef.bytes(JPEG, null)).path().getFileName()).hasToString("Photo.jpg");
    assertThat(store.store("r", "notes.txt", MediaRef.bytes(PNG, null)).path().getFileName().toString())
        .startsWith("notes.txt").endsWith(".png");
  }

  @Test
  void arbitraryRunIdsAndNamesNeverEscapeTheBase() throws Exception {
    List<String> nasty = new ArrayList<>(List.of("..", ".", "../..", "../../etc/passwd", "/etc/passwd", "a/../../b",
        "..\\..\\windows", "C:\\evil", "name\0.png", "\u2025", "\uFF0E\uFF0E\uFF0F", "%2e%2e%2f", "~", "-", "CON",
        "nul.png", ".hidden", "trailing.", " ", "", "a".repeat(500), "\u202Egnp.exe", "\n\r\t", "../" + "x".repeat(300)));
    Random random = new Random(42);
    String pool = "./\\\0:%~ aZ9-_\u00e9\u4e2d\uD83D\uDE00\u202E";
    for (int i = 0; i < 300; i++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(40);
      for (int j = 0; j < len; j++) {
        sb.append(pool.charAt(random.nextInt(pool.length())));
      }
      nasty.add(sb.toString());
    }
    Path realBase = base.toRealPath();
    Set<Path> runDirs = new HashSet<>();
    for (String s : nasty) {
      MediaRef.File f = store.store(s, s, MediaRef.bytes(PNG, null));
      Path stored = f.path().toRealPath();
      assertThat(stored).as(s).startsWith(realBase);
      assertThat(stored.getParent().getParent()).as(s).isEqualTo(realBase);
      assertThat(stored.getFileName().toString()).as(s).matches("[A-Za-z0-9_-][A-Za-z0-9._-]*\\.png");
      runDirs.add(stored.getParent());
    }
    assertThat(runDirs).as("distinct run ids get distinct directories").hasSize(new HashSet<>(nasty).size());
    try (Stream<Path> s = Files.list(root)) {
      assertThat(s.toList()).containsExactly(base);
    }
    assertThat(everythingUnder(base)).allSatisfy(p -> assertThat(p.getFileName().toString()).doesNotStartWith(".incoming"));
  }

  @Test
  void similarIdsStayApart() {
    Path a = store.store("user/1", "x", MediaRef.bytes(PNG, null)).path();
    Path b = store.store("user_1", "x", MediaRef.bytes(PNG, null)).path();
    Path c = store.store("user:1", "x", MediaRef.bytes(PNG, null)).path();
    assertThat(Set.of(a.getParent(), b.getParent(), c.getParent())).hasSize(3);
    assertThat(b.getParent().getFileName()).hasToString("user_1");
  }

  @Test
  void concurrentWritesOfOneNameEndWithOneCompleteFileAndNoTemporaries() throws Exception {
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      contents.add(TestImages.encode(TestImages.split(16 + i, 8, Color.RED, new Color(i * 30, 0, 0), 0.5), "png"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int round = 0; round < 10; round++) {
        for (byte[] c : contents) {
          futures.add(pool.submit(() -> store.store("race", "same", MediaRef.bytes(c, null))));
        }
      }
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    byte[] result = Files.readAllBytes(base.resolve("race/same.png"));
    assertThat(contents).anySatisfy(c -> assertThat(result).isEqualTo(c));
    assertThat(everythingUnder(base.resolve("race"))).containsExactly(base.toRealPath().resolve("race/same.png"));
  }

  @Test
  void refusedContentLeavesNothingBehind() throws Exception {
    assertThatThrownBy(() -> store.store("r", "a", MediaRef.bytes("<html>".repeat(5).getBytes(), null)))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(MediaException.Reason.NOT_MEDIA));
    assertThatThrownBy(() -> store.store("r", "b", MediaRef.bytes(JPEG, "image/png")))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(MediaException.Reason.NOT_MEDIA))
        .hasMessageContaining("image/png").hasMessageContaining("image/jpeg");
    assertThatThrownBy(() -> store.store("r", "c", MediaRef.bytes(Arrays.copyOf(PNG, 4_000), null)))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(MediaException.Reason.TOO_LARGE));
    assertThat(everythingUnder(base.resolve("r"))).isEmpty();
  }

  @Test
  void urlsAreDownloadedThroughTheGuardAndCheckedLikeEverythingElse() throws Exception {
    MediaRef.File f = store.store("dl", "result", MediaRef.url(serve("/ok.png", "image/png", PNG, false)));
    assertThat(Files.readAllBytes(f.path())).isEqualTo(PNG);

    URI lying = serve("/lie.png", "image/png", JPEG, false);
    assertThatThrownBy(() -> store.store("dl", "lie", MediaRef.url(lying)))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(MediaException.Reason.NOT_MEDIA));
    URI plainJpeg = serve("/hint", "application/octet-stream", JPEG, false);
    assertThatThrownBy(() -> store.store("dl", "hint", new MediaRef.Url(plainJpeg, "image/png")))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(MediaException.Reason.NOT_MEDIA));
    URI big = serve("/big.png", "image/png", Arrays.copyOf(PNG, 4_000), false);
    assertThatThrownBy(() -> store.store("dl", "big", MediaRef.url(big)))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(MediaException.Reason.TOO_LARGE));
    URI bigStream = serve("/big.bin", "application/octet-stream", Arrays.copyOf(PNG, 4_000), false);
    assertThatThrownBy(() -> store.store("dl", "big-stream", MediaRef.url(bigStream)))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(MediaException.Reason.TOO_LARGE));
    assertThatThrownBy(() -> store.store("dl", "meta", MediaRef.url(URI.create("http://169.254.169.254/latest/x.png"))))
        .isInstanceOf(UrlRefusedException.class);

    assertThat(everythingUnder(base.resolve("dl"))).containsExactly(f.path());
  }

  @Test
  void aStalledDownloadIsAbandonedAndItsPartialFileDeleted() throws Exception {
    LocalAssetStore impatient = LocalAssetStore.builder().baseDirectory(base)
        .downloader(downloader(Duration.ofMillis(400))).build();
    URI stalling = serve("/stall.bin", "application/octet-stream", Arrays.copyOf(PNG, 2_000), true);

    assertThatThrownBy(() -> impatient.store("slow", "x", MediaRef.url(stalling)))
        .isInstanceOfSatisfying(WebFetchException.class, e -> assertThat(e.reason()).isEqualTo(WebFetchException.Reason.TIMEOUT))
        .hasMessageContaining("deadline of 400 ms");
    assertThat(everythingUnder(base.resolve("slow"))).isEmpty();
  }

  @Test
  void filesAndDataUrlsAreCopiedIn() throws Exception {
    Path src = root.resolve("in.jpg");
    Files.write(src, JPEG);
    MediaRef.File f = store.store("r", "copy", MediaRef.file(src));
    assertThat(Files.readAllBytes(f.path())).isEqualTo(JPEG);
    assertThat(f.mimeType()).isEqualTo(MediaTypes.JPEG);
    MediaRef.File d = store.store("r", "inline", MediaRef.url(URI.create("data:image/png;base64,"
        + Base64.getEncoder().encodeToString(PNG))));
    assertThat(Files.readAllBytes(d.path())).isEqualTo(PNG);
    assertThatThrownBy(() -> store.store("r", "gone", MediaRef.file(root.resolve("missing.png"))))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(MediaException.Reason.NOT_FOUND));
  }

  @Test
  void symbolicLinksAreNeverFollowed() throws Exception {
    Path outside = Files.createDirectory(root.resolve("outside"));
    Files.createDirectories(base);
    Files.createSymbolicLink(base.resolve("linked"), outside);
    assertThatThrownBy(() -> store.store("linked", "x", MediaRef.bytes(PNG, null)))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(MediaException.Reason.OUTPUT_FAILED))
        .hasMessageContaining("symbolic link");
    assertThat(everythingUnder(outside)).isEmpty();

    Path secret = Files.write(outside.resolve("secret.txt"), "keep".getBytes());
    store.store("run", "first", MediaRef.bytes(PNG, null));
    Files.createSymbolicLink(base.resolve("run/x.png"), secret);
    MediaRef.File f = store.store("run", "x", MediaRef.bytes(PNG, null));
    assertThat(Files.isSymbolicLink(f.path())).isFalse();
    assertThat(Files.readAllBytes(f.path())).isEqualTo(PNG);
    assertThat(Files.readString(secret)).isEqualTo("keep");
  }

  @Test
  void aRelativeBaseIsResolvedToItsRealPath() throws Exception {
    Path nested = Files.createDirectories(root.resolve("a/b"));
    LocalAssetStore s = LocalAssetStore.create(nested.resolve("../../c/./d"));
    assertThat(s.baseDirectory()).isEqualTo(root.toRealPath().resolve("c/d"));
    assertThat(s.store("..", "..", MediaRef.bytes(PNG, null)).path()).startsWith(root.toRealPath().resolve("c/d"));
  }

  @Test
  void runsCanBeListedAndDeleted() {
    store.store("keep", "a", MediaRef.bytes(PNG, null));
    store.store("gone", "a", MediaRef.bytes(PNG, null));
    store.store("gone", "b", MediaRef.bytes(JPEG, null));
    assertThat(store.list("gone")).extracting(f -> f.path().getFileName().toString()).containsExactly("a.png", "b.jpg");
    assertThat(store.list("gone")).extracting(MediaRef.File::mimeType).containsExactly(MediaTypes.PNG, MediaTypes.JPEG);
    store.delete("gone");
    assertThat(store.list("gone")).isEmpty();
    assertThat(Files.exists(base.resolve("gone"))).isFalse();
    assertThat(store.list("keep")).hasSize(1);
    store.delete("never-stored");
  }

  @Test
  void sanitisingIsStableAndBounded() {
    assertThat(LocalAssetStore.sanitise("run-42_ok.v2", 64)).isEqualTo("run-42_ok.v2");
    assertThat(LocalAssetStore.sanitise("..", 64)).matches("_-[0-9a-f]{8}");
    assertThat(LocalAssetStore.sanitise("", 64)).matches("[0-9a-f]{8}");
    assertThat(LocalAssetStore.sanitise("CON", 64)).startsWith("_CON-");
    assertThat(LocalAssetStore.sanitise("x".repeat(500), 64)).hasSize(64);
    assertThat(LocalAssetStore.sanitise("a/b", 64)).isNotEqualTo(LocalAssetStore.sanitise("a_b", 64));
  }
}
