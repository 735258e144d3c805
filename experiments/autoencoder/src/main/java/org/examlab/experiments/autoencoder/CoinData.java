package org.examlab.experiments.autoencoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.examlab.datasets.coins.CoinFolder;
import org.examlab.datasets.coins.CoinImages;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One seed's coin images: rendered, written as PNG folders and read back through DataVec, as a
 * user's own folders would be. The folders are temporary; the same seed renders them again.
 *
 * @param unlabelled the autoencoders' training images
 * @param heldOut unlabelled images no model trains on
 * @param labelled images with masks segmentation may train on
 * @param labelledTest images with masks the IoU is measured on
 */
record CoinData(
    CoinFolder unlabelled, CoinFolder heldOut, CoinFolder labelled, CoinFolder labelledTest) {

  static CoinData render(AutoencoderSettings.Data data, long seed) throws IOException {
    CoinImages coins = new CoinImages(data.side());
    Path root = Files.createTempDirectory("examlab-coins-");
    try {
      int[] counts = {data.unlabelled(), data.heldOut(), data.labelled(), data.labelledTest()};
      CoinFolder[] sets = new CoinFolder[counts.length];
      for (int s = 0; s < counts.length; s++) {
        Path folder = root.resolve("set" + s);
        coins.write(folder, counts[s], seed * 16 + s); // four unrelated sets per seed
        sets[s] = CoinFolder.read(folder, counts[s], data.side());
      }
      return new CoinData(sets[0], sets[1], sets[2], sets[3]);
    } finally {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Images {@code [n, 3, s, s]} as rows of {@code 3 s s} pixels (a view, no copy). */
  static INDArray rows(INDArray images) {
    return images.reshape('c', images.size(0), images.length() / images.size(0));
  }

  /** Rows of pixels back to images of {@code side}. */
  static INDArray images(INDArray rows, int side) {
    return rows.reshape('c', rows.rows(), 3, side, side);
  }

  /** The first {@code n} labelled images with their one-hot masks. */
  DataSet labelledSubset(int n) {
    return new DataSet(
        labelled.images().get(NDArrayIndex.interval(0, n)).dup(),
        labelled.oneHotMasks().get(NDArrayIndex.interval(0, n)).dup());
  }
}
