package dev.vcg.stitch.jcodec.internal.mp4;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A parsed, non-fragmented MP4 file: its movie timescale and tracks. Sample data stays in the
 * file; only tables are held.
 *
 * @param file the file
 * @param fileSize its size in bytes
 * @param movieTimescale the mvhd timescale
 * @param tracks every track with exactly one usable sample entry
 * @param moovSize the size of the moov box in bytes
 */
public record Mp4Movie(Path file, long fileSize, long movieTimescale, List<Mp4Track> tracks, long moovSize) {
  /** Copies the track list. */
  public Mp4Movie {
    tracks = List.copyOf(tracks);
  }

  /** @return the first video track */
  public Optional<Mp4Track> video() {
    return tracks.stream().filter(t -> t.handler().equals("vide")).findFirst();
  }

  /** @return the first audio track */
  public Optional<Mp4Track> audio() {
    return tracks.stream().filter(t -> t.handler().equals("soun")).findFirst();
  }
}
