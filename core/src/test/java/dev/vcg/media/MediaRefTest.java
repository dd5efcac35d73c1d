package dev.vcg.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.InvalidInputException;
import dev.vcg.internal.Json;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaRefTest {
  private static final byte[] PNG_HEAD = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};

  @Test
  void everyKindRoundTripsThroughJson() throws Exception {
    for (MediaRef ref : new MediaRef[] {
        MediaRef.url(URI.create("https://v3.fal.media/files/a.mp4")),
        MediaRef.file(Path.of("/tmp/x.png")),
        MediaRef.bytes(PNG_HEAD, "image/png")}) {
      String json = Json.mapper().writeValueAsString(ref);
      assertThat(Json.mapper().readValue(json, MediaRef.class)).isEqualTo(ref);
    }
  }

  @Test
  void urlsPrintWithoutTheirQueryBecauseSignedUrlsCarryCredentials() {
    MediaRef ref = MediaRef.url(URI.create("https://cdn.example/v/out.mp4?X-Amz-Signature=SECRET123&token=abc"));
    assertThat(ref.toString()).contains("cdn.example/v/out.mp4").doesNotContain("SECRET123").doesNotContain("token");
  }

  @Test
  void onlyHttpAndDataUrlsAreAccepted() {
    assertThatThrownBy(() -> MediaRef.url(URI.create("file:///etc/passwd"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MediaRef.url(URI.create("gopher://x/"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void contentTypeIsSniffedOrGuessed() {
    assertThat(MediaRef.bytes(PNG_HEAD, null).contentType()).contains(MediaTypes.PNG);
    assertThat(MediaRef.file(Path.of("clip.MP4")).contentType()).contains(MediaTypes.MP4);
    byte[] mp4 = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};
    assertThat(MediaTypes.sniff(mp4)).contains(MediaTypes.MP4);
    assertThat(MediaTypes.sniff(new byte[] {1, 2})).isEmpty();
  }

  @Test
  void localContentIsReadWithinALimitAndTurnedIntoDataUris(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("a.png");
    Files.write(f, PNG_HEAD);
    String uri = MediaRef.toDataUri(MediaRef.file(f), 1024);
    assertThat(uri).startsWith("data:image/png;base64,");
    assertThat(MediaTypes.decodeDataUri(uri, 1024)).isEqualTo(PNG_HEAD);
    assertThat(MediaRef.readLocal(MediaRef.url(URI.create(uri)), 1024)).isEqualTo(PNG_HEAD);
    assertThatThrownBy(() -> MediaRef.readLocal(MediaRef.file(f), 4)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> MediaRef.readLocal(MediaRef.file(dir.resolve("missing.png")), 4))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("missing.png");
    assertThatThrownBy(() -> MediaRef.readLocal(MediaRef.url(URI.create("https://x/y.png")), 4))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("downloaded");
  }

  @Test
  void bytesAreCopiedInAndOut() {
    byte[] data = PNG_HEAD.clone();
    MediaRef.Bytes ref = (MediaRef.Bytes) MediaRef.bytes(data, "image/png");
    data[0] = 0;
    ref.data()[1] = 0;
    assertThat(ref.data()).isEqualTo(PNG_HEAD);
  }
}
