package dev.vcg.stitch.jcodec.internal.h264;

/** The fields of an H.264 picture parameter set the stitcher needs. */
public final class Pps {
  public int id;
  public int spsId;
  public boolean cabac;
  public boolean bottomFieldPicOrderPresent;
  public int numSliceGroups;
  public boolean weightedPred;
  public int weightedBipredIdc;
  public boolean constrainedIntraPred;
  public boolean redundantPicCntPresent;
  public boolean transform8x8;
  public boolean scalingMatrix;

  /**
   * Parses a PPS NAL unit.
   *
   * @param nal the NAL unit, starting with its one-byte header
   * @return the fields
   * @throws H264FormatException if malformed
   */
  public static Pps parse(byte[] nal) {
    if (nal.length < 2 || (nal[0] & 0x1F) != 8) {
      throw new H264FormatException("not a picture parameter set");
    }
    RbspReader r = new RbspReader(nal, 1, nal.length);
    Pps p = new Pps();
    p.id = r.ue();
    p.spsId = r.ue();
    if (p.id > 255 || p.spsId > 31) {
      throw new H264FormatException("parameter set id out of range");
    }
    p.cabac = r.flag();
    p.bottomFieldPicOrderPresent = r.flag();
    p.numSliceGroups = r.ue() + 1;
    if (p.numSliceGroups > 1) {
      // Flexible macroblock ordering (Baseline/Extended only); the rest is not needed.
      return p;
    }
    int l0 = r.ue();
    int l1 = r.ue();
    if (l0 > 31 || l1 > 31) {
      throw new H264FormatException("num_ref_idx_active out of range");
    }
    p.weightedPred = r.flag();
    p.weightedBipredIdc = r.bits(2);
    r.se();
    r.se();
    r.se();
    r.bit();
    p.constrainedIntraPred = r.flag();
    p.redundantPicCntPresent = r.flag();
    if (r.moreRbspData()) {
      p.transform8x8 = r.flag();
      p.scalingMatrix = r.flag();
    }
    return p;
  }
}
