package dev.vcg.stitch.jcodec.internal.stitch;

import dev.vcg.stitch.jcodec.internal.mp4.Mp4Writer;
import dev.vcg.stitch.jcodec.internal.mp4.OutputTrack;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Writes the frames of one {@link FrameEncoder} as a video-only MP4. */
public final class SingleTrackWriter {
  private SingleTrackWriter() {
  }

  /**
   * Finishes the encoder and writes its frames to an MP4 (faststart).
   *
   * @param encoder the encoder holding the frames
   * @param output the MP4 file to write (truncated)
   * @param width frame width
   * @param height frame height
   * @throws IOException if writing fails
   */
  public static void write(FrameEncoder encoder, Path output, int width, int height) throws IOException {
    EncodedPiece piece = encoder.finish();
    VideoTimeline video = VideoTimeline.join(List.of(piece), width, height);
    List<FileChannel> channels = new ArrayList<>();
    try (FileChannel out = FileChannel.open(output, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      for (Path p : video.sources) {
        channels.add(FileChannel.open(p, StandardOpenOption.READ));
      }
      List<OutputTrack> tracks = new ArrayList<>();
      tracks.add(video.track);
      Mp4Writer.write(out, channels, tracks, video.timescale, video.duration, f -> { });
    } finally {
      for (FileChannel c : channels) {
        c.close();
      }
    }
  }
}
