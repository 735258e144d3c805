package org.examlab.datasets.coins;

import java.nio.file.Path;
import org.examlab.datasets.images.ImageFileException;
import org.examlab.datasets.images.ImageFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A folder of coin images and masks as {@link CoinImages#write} lays it out, read back through
 * DataVec like any folder of images.
 *
 * @param images {@code [n, 3, side, side]} RGB in [0, 1]
 * @param masks {@code [n, 1, side, side]}: 1 on the coin, 0 on the background
 */
public record CoinFolder(INDArray images, INDArray masks) {

  /**
   * Reads the first {@code count} coins (and their masks) of {@code folder}; every file must be
   * {@code side x side}.
   */
  public static CoinFolder read(Path folder, int count, int side) throws ImageFileException {
    INDArray images = Nd4j.create(DataType.FLOAT, count, 3, side, side);
    INDArray masks = Nd4j.create(DataType.FLOAT, count, 1, side, side);
    for (int i = 0; i < count; i++) {
      // DataVec decodes with OpenCV, whose channel order is BGR: reversed here to RGB.
      INDArray bgr = ImageFiles.read(CoinImages.imageFile(folder, i), 3, side, side);
      for (int c = 0; c < 3; c++) {
        images
            .get(NDArrayIndex.point(i), NDArrayIndex.point(c))
            .assign(bgr.get(NDArrayIndex.point(0), NDArrayIndex.point(2 - c)));
      }
      INDArray mask = ImageFiles.read(CoinImages.maskFile(folder, i), 1, side, side);
      masks
          .get(NDArrayIndex.point(i))
          .assign(mask.get(NDArrayIndex.point(0)).gt(127).castTo(DataType.FLOAT));
    }
    images.divi(255);
    return new CoinFolder(images, masks);
  }

  public int size() {
    return (int) images.size(0);
  }

  /** The masks as two one-hot channels, background then coin: labels for a per-pixel softmax. */
  public INDArray oneHotMasks() {
    return Nd4j.concat(1, masks.rsub(1), masks);
  }
}
