package dev.vcg.stitch.jcodec.internal.stitch;

import org.jcodec.codecs.h264.encode.RateControl;
import org.jcodec.codecs.h264.io.model.SliceType;
import org.jcodec.common.model.Size;

/**
 * One quantiser for every macroblock. JCodec's default rate control raises the quantiser per
 * macroblock when a frame runs over its byte budget and can reach 30 and above, where its encoder
 * codes chroma wrongly; a fixed value of at most 28 avoids that.
 */
final class ConstantQp implements RateControl {
  private final int qp;

  ConstantQp(int qp) {
    if (qp > 28) {
      throw new IllegalArgumentException("qp above 28 makes JCodec code chroma wrongly: " + qp);
    }
    this.qp = qp;
  }

  @Override
  public int startPicture(Size sz, int maxSize, SliceType sliceType) {
    return qp;
  }

  @Override
  public int initialQpDelta() {
    return 0;
  }

  @Override
  public int accept(int bits) {
    return 0;
  }
}
