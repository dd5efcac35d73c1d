package dev.vcg.stitch.jcodec.internal.h264;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An AVCDecoderConfigurationRecord ({@code avcC}): NAL length size and the parameter sets.
 * NAL units here include their one-byte header.
 *
 * @param profile profile indication
 * @param compatibility profile compatibility byte
 * @param level level indication
 * @param nalLengthSize bytes in each sample's NAL length prefix (1, 2 or 4)
 * @param sps sequence parameter sets
 * @param pps picture parameter sets
 */
public record AvcConfig(int profile, int compatibility, int level, int nalLengthSize, List<byte[]> sps,
                        List<byte[]> pps) {
  /** Copies the lists. */
  public AvcConfig {
    sps = List.copyOf(sps);
    pps = List.copyOf(pps);
  }

  /**
   * Parses an avcC payload.
   *
   * @param d the payload (after the box header)
   * @return the record
   * @throws H264FormatException if malformed
   */
  public static AvcConfig parse(byte[] d) {
    if (d == null || d.length < 7 || d[0] != 1) {
      throw new H264FormatException("invalid avcC configuration record");
    }
    int pos = 5;
    int nalLength = (d[4] & 3) + 1;
    if (nalLength == 3) {
      throw new H264FormatException("invalid NAL length size 3");
    }
    List<byte[]> sps = new ArrayList<>();
    int n = d[pos++] & 0x1F;
    for (int i = 0; i < n; i++) {
      pos = readUnit(d, pos, sps);
    }
    List<byte[]> pps = new ArrayList<>();
    if (pos >= d.length) {
      throw new H264FormatException("avcC ends before its picture parameter sets");
    }
    int m = d[pos++] & 0xFF;
    for (int i = 0; i < m; i++) {
      pos = readUnit(d, pos, pps);
    }
    return new AvcConfig(d[1] & 0xFF, d[2] & 0xFF, d[3] & 0xFF, nalLength, sps, pps);
  }

  private static int readUnit(byte[] d, int pos, List<byte[]> into) {
    if (pos + 2 > d.length) {
      throw new H264FormatException("avcC parameter set length runs past the record");
    }
    int len = ((d[pos] & 0xFF) << 8) | (d[pos + 1] & 0xFF);
    pos += 2;
    if (len < 1 || pos + len > d.length) {
      throw new H264FormatException("avcC parameter set runs past the record");
    }
    byte[] unit = new byte[len];
    System.arraycopy(d, pos, unit, 0, len);
    into.add(unit);
    return pos + len;
  }

  /**
   * Builds a record from parameter sets (as JCodec's encoder produces them).
   *
   * @param sps one SPS with header
   * @param pps one PPS with header
   * @return the record
   */
  public static AvcConfig of(byte[] sps, byte[] pps) {
    return new AvcConfig(sps[1] & 0xFF, sps[2] & 0xFF, sps[3] & 0xFF, 4, List.of(sps), List.of(pps));
  }

  /** @return the avcC payload bytes */
  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1);
    out.write(profile);
    out.write(compatibility);
    out.write(level);
    out.write(0xFC | (nalLengthSize - 1));
    out.write(0xE0 | sps.size());
    for (byte[] s : sps) {
      out.write(s.length >> 8);
      out.write(s.length & 0xFF);
      out.writeBytes(s);
    }
    out.write(pps.size());
    for (byte[] p : pps) {
      out.write(p.length >> 8);
      out.write(p.length & 0xFF);
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /**
   * The parameter sets as length-prefixed NAL units (4-byte lengths), to put in front of a
   * sample so a decoder switches to them in band.
   *
   * @return SPS then PPS units, each with a 4-byte big-endian length
   */
  public byte[] inBandParameterSets() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] s : sps) {
      writeUnit(out, s);
    }
    for (byte[] p : pps) {
      writeUnit(out, p);
    }
    return out.toByteArray();
  }

  private static void writeUnit(ByteArrayOutputStream out, byte[] unit) {
    out.write(unit.length >>> 24);
    out.write((unit.length >>> 16) & 0xFF);
    out.write((unit.length >>> 8) & 0xFF);
    out.write(unit.length & 0xFF);
    out.writeBytes(unit);
  }

  /**
   * @param other another record
   * @return whether both hold the same parameter sets byte for byte
   */
  public boolean sameParameterSets(AvcConfig other) {
    return nalLengthSize == other.nalLengthSize && equalUnits(sps, other.sps) && equalUnits(pps, other.pps);
  }

  private static boolean equalUnits(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
