package dev.vcg;

import dev.vcg.media.MediaRef;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import dev.vcg.provider.VideoResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A video provider for orchestration tests in core (where no encoder is on the class path): every
 * job finishes on its first poll with bytes that start like an MP4 followed by a {@code seconds}
 * marker that {@link ConcatStitcher} adds up. Records what it was asked.
 */
final class MarkerClips implements VideoProvider {
  static final String ID = "test-video";
  static final String MODEL = "mover-1";

  final List<VideoRequest> requests = new CopyOnWriteArrayList<>();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public VideoCapabilities capabilities() {
    return VideoCapabilities.builder().durations(2, 3, 4, 5, 6, 8, 10).endFrame(true).seed(true)
        .aspectFollowsImage(true).build();
  }

  int submits() {
    return requests.size();
  }

  @Override
  public VideoJob doSubmit(VideoRequest request) {
    requests.add(request);
    return new VideoJob(ID, "job-" + requests.size(), MODEL,
        Map.of("seconds", String.valueOf(request.durationSeconds())));
  }

  @Override
  public JobStatus poll(VideoJob job) {
    int seconds = Integer.parseInt(job.attributes().get("seconds"));
    return JobStatus.succeeded("COMPLETED", new VideoResult(MediaRef.bytes(clip(seconds), "video/mp4"), seconds, null));
  }

  @Override
  public void cancel(VideoJob job) {
  }

  static byte[] clip(int seconds) {
    byte[] head = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'a', 'v',
        'c', '1'};
    byte[] marker = ("<" + seconds + ">").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[head.length + marker.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(marker, 0, out, head.length, marker.length);
    return out;
  }
}
