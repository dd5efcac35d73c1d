package dev.vcg.stitch.jcodec.internal.audio;

import java.util.Arrays;

/**
 * The AudioSpecificConfig of an AAC track, read from its {@code esds} box.
 *
 * @param objectType MPEG-4 audio object type (2 = AAC-LC, 5 = SBR, 29 = PS)
 * @param sampleRate samples per second of the core coder
 * @param channels channel count (0 when given by a program config element)
 * @param frameLength samples per frame (1024 or 960)
 * @param asc the AudioSpecificConfig bytes
 */
public record AacConfig(int objectType, int sampleRate, int channels, int frameLength, byte[] asc) {
  private static final int[] RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025,
      8000, 7350};

  /** Copies the bytes. */
  public AacConfig {
    asc = asc.clone();
  }

  @Override
  public byte[] asc() {
    return asc.clone();
  }

  /**
   * @param other another config
   * @return whether the two streams can share one track (identical AudioSpecificConfig)
   */
  public boolean compatibleWith(AacConfig other) {
    return Arrays.equals(asc, other.asc);
  }

  /** @return a readable profile name */
  public String profileName() {
    return switch (objectType) {
      case 1 -> "AAC Main";
      case 2 -> "AAC-LC";
      case 3 -> "AAC SSR";
      case 4 -> "AAC LTP";
      case 5 -> "HE-AAC";
      case 29 -> "HE-AACv2";
      case 23 -> "AAC-LD";
      case 39 -> "AAC-ELD";
      default -> "AAC (object type " + objectType + ")";
    };
  }

  /**
   * A raw AAC-LC frame that decodes to 1024 samples of silence, for filling clips without audio.
   *
   * @return the frame, or null when no silent frame is known for this configuration
   */
  public byte[] silentFrame() {
    if (objectType != 2 || frameLength != 1024) {
      return null;
    }
    // Constant frames as emitted by common AAC encoders for digital silence; valid at any rate.
    if (channels == 1) {
      return new byte[] {0x01, 0x18, 0x20, 0x07};
    }
    if (channels == 2) {
      return new byte[] {0x21, 0x10, 0x04, 0x60, (byte) 0x8c, 0x1c};
    }
    return null;
  }

  /**
   * Parses the payload of an {@code esds} box.
   *
   * @param esds the box payload (version and flags first)
   * @return the config, or null if the stream is not MPEG-4 audio or the box is malformed
   */
  public static AacConfig fromEsds(byte[] esds) {
    try {
      Reader r = new Reader(esds, 4);
      if (r.u8() != 0x03) {
        return null;
      }
      int esEnd = r.descriptorEnd();
      r.skip(2);
      int flags = r.u8();
      if ((flags & 0x80) != 0) {
        r.skip(2);
      }
      if ((flags & 0x40) != 0) {
        r.skip(r.u8());
      }
      if ((flags & 0x20) != 0) {
        r.skip(2);
      }
      while (r.pos < esEnd) {
        int tag = r.u8();
        int end = r.descriptorEnd();
        if (tag == 0x04) {
          int oti = r.u8();
          if (oti != 0x40 && oti != 0x66 && oti != 0x67 && oti != 0x68) {
            return null;
          }
          r.skip(12);
          while (r.pos < end) {
            int t = r.u8();
            int e = r.descriptorEnd();
            if (t == 0x05) {
              return fromAsc(Arrays.copyOfRange(esds, r.pos, e));
            }
            r.pos = e;
          }
          return null;
        }
        r.pos = end;
      }
      return null;
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Parses an AudioSpecificConfig.
   *
   * @param asc the bytes
   * @return the config
   * @throws IllegalArgumentException if malformed
   */
  public static AacConfig fromAsc(byte[] asc) {
    Bits b = new Bits(asc);
    int aot = b.read(5);
    if (aot == 31) {
      aot = 32 + b.read(6);
    }
    int rate = readRate(b);
    int channels = b.read(4);
    int coreType = aot;
    if (aot == 5 || aot == 29) {
      readRate(b);
      coreType = b.read(5);
    }
    int frameLength = 1024;
    if (coreType == 1 || coreType == 2 || coreType == 3 || coreType == 4 || coreType == 6 || coreType == 7) {
      frameLength = b.read(1) == 1 ? 960 : 1024;
    }
    return new AacConfig(aot, rate, channels, frameLength, asc);
  }

  private static int readRate(Bits b) {
    int idx = b.read(4);
    if (idx == 15) {
      return b.read(24);
    }
    if (idx >= RATES.length) {
      throw new IllegalArgumentException("invalid sampling frequency index " + idx);
    }
    return RATES[idx];
  }

  private static final class Reader {
    private final byte[] d;
    private int pos;

    Reader(byte[] d, int pos) {
      this.d = d;
      this.pos = pos;
    }

    int u8() {
      if (pos >= d.length) {
        throw new IndexOutOfBoundsException("esds ends early");
      }
      return d[pos++] & 0xFF;
    }

    void skip(int n) {
      pos += n;
      if (pos > d.length) {
        throw new IndexOutOfBoundsException("esds ends early");
      }
    }

    int descriptorEnd() {
      int size = 0;
      for (int i = 0; i < 4; i++) {
        int b = u8();
        size = (size << 7) | (b & 0x7F);
        if ((b & 0x80) == 0) {
          break;
        }
      }
      if (pos + size > d.length) {
        throw new IndexOutOfBoundsException("descriptor runs past esds");
      }
      return pos + size;
    }
  }

  private static final class Bits {
    private final byte[] d;
    private int bit;

    Bits(byte[] d) {
      this.d = d;
    }

    int read(int n) {
      int v = 0;
      for (int i = 0; i < n; i++) {
        if (bit >= d.length * 8) {
          throw new IllegalArgumentException("AudioSpecificConfig ends early");
        }
        v = (v << 1) | ((d[bit >> 3] >> (7 - (bit & 7))) & 1);
        bit++;
      }
      return v;
    }
  }
}
