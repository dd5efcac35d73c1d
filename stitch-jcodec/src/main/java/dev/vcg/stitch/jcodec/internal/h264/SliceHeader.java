package dev.vcg.stitch.jcodec.internal.h264;

import java.util.Map;

/**
 * The start of a slice header: enough to tell the slice type, its parameter set, and for B
 * slices whether direct prediction is spatial or temporal.
 *
 * @param nalType NAL unit type (1 or 5)
 * @param sliceType slice type modulo 5 (0 P, 1 B, 2 I, 3 SP, 4 SI)
 * @param ppsId the picture parameter set used
 * @param temporalDirect for B slices, whether direct prediction is temporal
 */
public record SliceHeader(int nalType, int sliceType, int ppsId, boolean temporalDirect) {
  /** B slice. */
  public static final int B = 1;

  /**
   * Parses the start of a slice header.
   *
   * @param nal the slice NAL unit (header byte first); only the first bytes are needed
   * @param spsById active sequence parameter sets
   * @param ppsById active picture parameter sets
   * @return the header start
   * @throws H264FormatException if malformed or it refers to unknown parameter sets
   */
  public static SliceHeader parse(byte[] nal, Map<Integer, Sps> spsById, Map<Integer, Pps> ppsById) {
    int nalType = nal[0] & 0x1F;
    RbspReader r = new RbspReader(nal, 1, nal.length);
    r.ue();
    int sliceType = r.ue();
    if (sliceType > 9) {
      throw new H264FormatException("slice_type " + sliceType + " out of range");
    }
    sliceType %= 5;
    int ppsId = r.ue();
    Pps pps = ppsById.get(ppsId);
    if (pps == null) {
      throw new H264FormatException("slice refers to unknown picture parameter set " + ppsId);
    }
    Sps sps = spsById.get(pps.spsId);
    if (sps == null) {
      throw new H264FormatException("slice refers to unknown sequence parameter set " + pps.spsId);
    }
    if (sliceType != B) {
      return new SliceHeader(nalType, sliceType, ppsId, false);
    }
    r.bits(sps.log2MaxFrameNum);
    boolean field = false;
    if (!sps.frameMbsOnly) {
      field = r.flag();
      if (field) {
        r.bit();
      }
    }
    if (nalType == Nal.IDR) {
      r.ue();
    }
    if (sps.pocType == 0) {
      r.bits(sps.log2MaxPocLsb);
      if (pps.bottomFieldPicOrderPresent && !field) {
        r.se();
      }
    }
    if (sps.pocType == 1 && !sps.deltaPicOrderAlwaysZero) {
      r.se();
      if (pps.bottomFieldPicOrderPresent && !field) {
        r.se();
      }
    }
    if (pps.redundantPicCntPresent) {
      r.ue();
    }
    boolean spatial = r.flag();
    return new SliceHeader(nalType, sliceType, ppsId, !spatial);
  }
}
