package dev.vcg.stitch.jcodec.internal.h264;

/**
 * The fields of an H.264 sequence parameter set the stitcher needs. Parsed with bounded reads;
 * values outside the standard's ranges are refused.
 */
public final class Sps {
  public int profileIdc;
  public int constraintFlags;
  public int levelIdc;
  public int id;
  public int chromaFormatIdc = 1;
  public int bitDepthLuma = 8;
  public int bitDepthChroma = 8;
  public boolean transformBypass;
  public boolean scalingMatrix;
  public int log2MaxFrameNum;
  public int pocType;
  public int log2MaxPocLsb;
  public boolean deltaPicOrderAlwaysZero;
  public int maxNumRefFrames;
  public int widthInMbs;
  public int heightInMapUnits;
  public boolean frameMbsOnly;
  public boolean mbAdaptiveFrameField;
  public int cropLeft;
  public int cropRight;
  public int cropTop;
  public int cropBottom;
  public boolean fullRange;
  public int matrixCoefficients = 2;
  public int colourPrimaries = 2;
  public int transferCharacteristics = 2;
  public int sarWidth = 1;
  public int sarHeight = 1;

  /**
   * Parses an SPS NAL unit.
   *
   * @param nal the NAL unit, starting with its one-byte header
   * @return the fields
   * @throws H264FormatException if malformed
   */
  public static Sps parse(byte[] nal) {
    if (nal.length < 4 || (nal[0] & 0x1F) != 7) {
      throw new H264FormatException("not a sequence parameter set");
    }
    RbspReader r = new RbspReader(nal, 1, nal.length);
    Sps s = new Sps();
    s.profileIdc = r.bits(8);
    s.constraintFlags = r.bits(8);
    s.levelIdc = r.bits(8);
    s.id = r.ue();
    if (s.id > 31) {
      throw new H264FormatException("seq_parameter_set_id " + s.id + " out of range");
    }
    int p = s.profileIdc;
    if (p == 100 || p == 110 || p == 122 || p == 244 || p == 44 || p == 83 || p == 86 || p == 118
        || p == 128 || p == 138 || p == 139 || p == 134 || p == 135) {
      s.chromaFormatIdc = r.ue();
      if (s.chromaFormatIdc > 3) {
        throw new H264FormatException("chroma_format_idc " + s.chromaFormatIdc + " out of range");
      }
      if (s.chromaFormatIdc == 3) {
        r.bit();
      }
      s.bitDepthLuma = 8 + r.ue();
      s.bitDepthChroma = 8 + r.ue();
      if (s.bitDepthLuma > 14 || s.bitDepthChroma > 14) {
        throw new H264FormatException("bit depth out of range");
      }
      s.transformBypass = r.flag();
      if (r.flag()) {
        s.scalingMatrix = true;
        int lists = s.chromaFormatIdc != 3 ? 8 : 12;
        for (int i = 0; i < lists; i++) {
          if (r.flag()) {
            skipScalingList(r, i < 6 ? 16 : 64);
          }
        }
      }
    }
    s.log2MaxFrameNum = r.ue() + 4;
    if (s.log2MaxFrameNum > 16) {
      throw new H264FormatException("log2_max_frame_num out of range");
    }
    s.pocType = r.ue();
    if (s.pocType == 0) {
      s.log2MaxPocLsb = r.ue() + 4;
      if (s.log2MaxPocLsb > 16) {
        throw new H264FormatException("log2_max_pic_order_cnt_lsb out of range");
      }
    } else if (s.pocType == 1) {
      s.deltaPicOrderAlwaysZero = r.flag();
      r.se();
      r.se();
      int cycle = r.ue();
      if (cycle > 255) {
        throw new H264FormatException("num_ref_frames_in_pic_order_cnt_cycle out of range");
      }
      for (int i = 0; i < cycle; i++) {
        r.se();
      }
    } else if (s.pocType != 2) {
      throw new H264FormatException("pic_order_cnt_type " + s.pocType + " out of range");
    }
    s.maxNumRefFrames = r.ue();
    r.bit();
    s.widthInMbs = r.ue() + 1;
    s.heightInMapUnits = r.ue() + 1;
    if (s.widthInMbs > 1024 || s.heightInMapUnits > 1024) {
      throw new H264FormatException("picture size out of range");
    }
    s.frameMbsOnly = r.flag();
    if (!s.frameMbsOnly) {
      s.mbAdaptiveFrameField = r.flag();
    }
    r.bit();
    if (r.flag()) {
      s.cropLeft = r.ue();
      s.cropRight = r.ue();
      s.cropTop = r.ue();
      s.cropBottom = r.ue();
    }
    if (r.flag()) {
      readVui(r, s);
    }
    if (s.width() <= 0 || s.height() <= 0) {
      throw new H264FormatException("cropping leaves no picture");
    }
    return s;
  }

  private static void readVui(RbspReader r, Sps s) {
    try {
      if (r.flag()) {
        int idc = r.bits(8);
        if (idc == 255) {
          s.sarWidth = r.bits(16);
          s.sarHeight = r.bits(16);
        } else if (idc > 0 && idc < SAR.length) {
          s.sarWidth = SAR[idc][0];
          s.sarHeight = SAR[idc][1];
        }
      }
      if (r.flag()) {
        r.bit();
      }
      if (r.flag()) {
        r.bits(3);
        s.fullRange = r.flag();
        if (r.flag()) {
          s.colourPrimaries = r.bits(8);
          s.transferCharacteristics = r.bits(8);
          s.matrixCoefficients = r.bits(8);
        }
      }
    } catch (H264FormatException e) {
      // A truncated VUI loses only colour hints; the picture is still described.
    }
  }

  private static final int[][] SAR = {{0, 0}, {1, 1}, {12, 11}, {10, 11}, {16, 11}, {40, 33}, {24, 11}, {20, 11},
      {32, 11}, {80, 33}, {18, 11}, {15, 11}, {64, 33}, {160, 99}, {4, 3}, {3, 2}, {2, 1}};

  private static void skipScalingList(RbspReader r, int size) {
    int last = 8;
    int next = 8;
    for (int j = 0; j < size; j++) {
      if (next != 0) {
        int delta = r.se();
        if (delta < -128 || delta > 127) {
          throw new H264FormatException("scaling list delta out of range");
        }
        next = (last + delta + 256) % 256;
      }
      last = next == 0 ? last : next;
    }
  }

  /** @return coded width in pixels before cropping */
  public int codedWidth() {
    return widthInMbs * 16;
  }

  /** @return coded height in pixels before cropping */
  public int codedHeight() {
    return heightInMapUnits * 16 * (frameMbsOnly ? 1 : 2);
  }

  private int cropUnitX() {
    return chromaFormatIdc == 1 || chromaFormatIdc == 2 ? 2 : 1;
  }

  private int cropUnitY() {
    return (chromaFormatIdc == 1 ? 2 : 1) * (frameMbsOnly ? 1 : 2);
  }

  /** @return displayed width */
  public int width() {
    return codedWidth() - (cropLeft + cropRight) * cropUnitX();
  }

  /** @return displayed height */
  public int height() {
    return codedHeight() - (cropTop + cropBottom) * cropUnitY();
  }

  /** @return left crop in pixels */
  public int cropX() {
    return cropLeft * cropUnitX();
  }

  /** @return top crop in pixels */
  public int cropY() {
    return cropTop * cropUnitY();
  }

  /** @return a readable profile name */
  public String profileName() {
    boolean c1 = (constraintFlags & 0x40) != 0;
    boolean c3 = (constraintFlags & 0x10) != 0;
    return switch (profileIdc) {
      case 66 -> c1 ? "Constrained Baseline" : "Baseline";
      case 77 -> "Main";
      case 88 -> "Extended";
      case 100 -> "High";
      case 110 -> c3 ? "High 10 Intra" : "High 10";
      case 122 -> c3 ? "High 4:2:2 Intra" : "High 4:2:2";
      case 244 -> c3 ? "High 4:4:4 Intra" : "High 4:4:4 Predictive";
      case 44 -> "CAVLC 4:4:4 Intra";
      default -> "profile " + profileIdc;
    };
  }

  /** @return the level as text, e.g. {@code 3.1} */
  public String levelName() {
    if (levelIdc == 11 && (constraintFlags & 0x10) != 0 && profileIdc != 100) {
      return "1b";
    }
    return (levelIdc / 10) + "." + (levelIdc % 10);
  }

  /** @return chroma subsampling as text */
  public String chromaName() {
    return switch (chromaFormatIdc) {
      case 0 -> "4:0:0";
      case 2 -> "4:2:2";
      case 3 -> "4:4:4";
      default -> "4:2:0";
    };
  }
}
