package dev.vcg.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.Options;
import dev.vcg.services.web.FetchPolicy;
import dev.vcg.services.web.GuardedFetcher;
import dev.vcg.services.web.UrlRefusedException;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MediaDownloaderTest {
  static final byte[] PNG = TestImages.encode(TestImages.split(32, 16, Color.RED, Color.BLUE, 0.5), "png");
  static final byte[] JPEG = TestImages.encode(TestImages.split(32, 16, Color.RED, Color.BLUE, 0.5), "jpeg");
  static final byte[] MP4 = mp4(2000);

  private static WireMockServer wm;
  private static MediaDownloader downloader;

  @BeforeAll
  static void start() {
    wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true)
        .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER));
    wm.start();
    downloader = MediaDownloader.builder().fetcher(fetcher())
        .limits(DownloadLimits.builder().maxImageBytes(3_000).maxVideoBytes(5_000).build()).build();
  }

  static GuardedFetcher fetcher() {
    return GuardedFetcher.builder()
        .policy(FetchPolicy.builder().allowLoopbackForTesting(true).allowPort(wm.port()).build()).build();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
  }

  static URI serve(String path, String type, byte[] body) {
    wm.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", type).withBody(body)));
    return URI.create("http://127.0.0.1:" + wm.port() + path);
  }

  static byte[] mp4(int size) {
    byte[] d = new byte[size];
    d[3] = 0x18;
    System.arraycopy("ftypisom".getBytes(), 0, d, 4, 8);
    return d;
  }

  private static MediaException.Reason reason(Throwable t) {
    return ((MediaException) t).reason();
  }

  @Test
  void anImageIsDownloadedWithItsDetectedType() {
    MediaRef ref = downloader.download(serve("/a.png", "image/png", PNG), MediaDownloader.Kind.IMAGE);
    assertThat(ref.contentType()).contains(MediaTypes.PNG);
    assertThat(((MediaRef.Bytes) ref).data()).isEqualTo(PNG);
  }

  @Test
  void aGenericDeclaredTypeIsDecidedByMagicBytes() {
    MediaRef ref = downloader.download(serve("/blob", "application/octet-stream", JPEG), MediaDownloader.Kind.ANY);
    assertThat(ref.contentType()).contains(MediaTypes.JPEG);
    MediaRef alias = downloader.download(serve("/j", "image/jpg", JPEG), MediaDownloader.Kind.IMAGE);
    assertThat(alias.contentType()).contains(MediaTypes.JPEG);
    MediaRef mov = downloader.download(serve("/v.mov", "video/quicktime", MP4), MediaDownloader.Kind.VIDEO);
    assertThat(mov.contentType()).contains(MediaTypes.MP4);
  }

  @Test
  void contentThatDisagreesWithItsDeclaredTypeIsRefused() {
    assertThatThrownBy(() -> downloader.download(serve("/fake.png", "image/png", JPEG), MediaDownloader.Kind.IMAGE))
        .isInstanceOf(MediaException.class).hasMessageContaining("declares image/png but its content is image/jpeg")
        .satisfies(e -> assertThat(reason(e)).isEqualTo(MediaException.Reason.NOT_MEDIA));
    assertThatThrownBy(() -> downloader.download(serve("/page", "text/html", PNG), MediaDownloader.Kind.IMAGE))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(MediaException.Reason.NOT_MEDIA));
    assertThatThrownBy(() -> downloader.download(serve("/svg", "application/octet-stream",
        "<svg/>".repeat(10).getBytes()), MediaDownloader.Kind.IMAGE))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(MediaException.Reason.NOT_MEDIA));
  }

  @Test
  void theKindDecidesWhichTypesAreAllowed() {
    assertThatThrownBy(() -> downloader.download(serve("/v", "application/octet-stream", MP4), MediaDownloader.Kind.IMAGE))
        .hasMessageContaining("not an allowed image");
    assertThatThrownBy(() -> downloader.download(serve("/i", "image/png", PNG), MediaDownloader.Kind.VIDEO))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(MediaException.Reason.NOT_MEDIA));
    assertThat(downloader.download(serve("/v2", "video/mp4", MP4), MediaDownloader.Kind.ANY).contentType())
        .contains(MediaTypes.MP4);
  }

  @Test
  void aDeclaredLengthOverTheCapIsRefusedBeforeTheBody() {
    byte[] big = Arrays.copyOf(PNG, 4_000);
    assertThatThrownBy(() -> downloader.download(serve("/big.png", "image/png", big), MediaDownloader.Kind.IMAGE))
        .hasMessageContaining("declares 4000 bytes")
        .satisfies(e -> assertThat(reason(e)).isEqualTo(MediaException.Reason.TOO_LARGE));
    // For ANY, an image is held to the image cap even though videos may be larger.
    assertThatThrownBy(() -> downloader.download(serve("/big2.png", "image/png", big), MediaDownloader.Kind.ANY))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(MediaException.Reason.TOO_LARGE));
  }

  @Test
  void aStreamedBodyOverItsTypesCapIsCutAndRefused() {
    byte[] big = Arrays.copyOf(PNG, 4_000);
    // Declared generic, so the length is checked against the larger video cap first; the PNG's
    // magic bytes then bring the image cap into force while streaming.
    URI url = serve("/stream", "application/octet-stream", big);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    assertThatThrownBy(() -> downloader.download(url, MediaDownloader.Kind.ANY, sink))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(MediaException.Reason.TOO_LARGE));
    assertThat(sink.size()).isLessThanOrEqualTo(3_000);
  }

  @Test
  void privateAddressesAreRefused() {
    assertThatThrownBy(() -> MediaDownloader.create().download(URI.create("http://169.254.169.254/x.png"),
        MediaDownloader.Kind.IMAGE)).isInstanceOf(UrlRefusedException.class);
    assertThatThrownBy(() -> MediaDownloader.create().download(URI.create("http://[::1]/x.png"),
        MediaDownloader.Kind.IMAGE)).isInstanceOf(UrlRefusedException.class);
  }
}
