package org.examlab.experiments.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class CoinNetworksTest {
  private static final int SIDE = 8;
  private static final List<Integer> CHANNELS = List.of(4, 6);

  /** A conv autoencoder moved away from its init by a few steps, as pretraining would. */
  private static MultiLayerNetwork pretrained() {
    MultiLayerNetwork ae = CoinNetworks.convAutoencoder(SIDE, CHANNELS, 5, 1, new Adam(0.01));
    Nd4j.getRandom().setSeed(3);
    INDArray images = Nd4j.rand(DataType.FLOAT, 16, 3, SIDE, SIDE);
    for (int i = 0; i < 3; i++) {
      ae.fit(new DataSet(images, images));
    }
    return ae;
  }

  private static DataSet segmentationBatch() {
    Nd4j.getRandom().setSeed(4);
    INDArray coin = Nd4j.rand(DataType.FLOAT, 8, 1, SIDE, SIDE).gt(0.5).castTo(DataType.FLOAT);
    return new DataSet(
        Nd4j.rand(DataType.FLOAT, 8, 3, SIDE, SIDE), Nd4j.concat(1, coin.rsub(1), coin));
  }

  @Test
  void theSegmentationNetworkHoldsExactlyThePretrainedEncoderAfterTransfer() {
    MultiLayerNetwork ae = pretrained();
    MultiLayerNetwork seg = CoinNetworks.segmentation(SIDE, CHANNELS, 2, new Adam(0.01));
    for (int layer : CoinNetworks.ENCODER_LAYERS) {
      assertNotEquals(
          ae.getLayer(layer).getParam("W"),
          seg.getLayer(layer).getParam("W"),
          "before the transfer layer " + layer + " differs");
    }
    INDArray decoderBefore = seg.getLayer(7).params().dup();
    MultiLayerNetwork transferred = CoinNetworks.transferEncoder(ae, seg, false);
    for (int layer : CoinNetworks.ENCODER_LAYERS) {
      Map<String, INDArray> source = ae.getLayer(layer).paramTable();
      assertEquals(List.of("W", "b"), source.keySet().stream().sorted().toList());
      source.forEach(
          (name, value) ->
              assertEquals(
                  value,
                  transferred.getLayer(layer).getParam(name),
                  "layer " + layer + " " + name));
    }
    // The layer's view into the flat parameter vector (what the updater trains) holds the copy.
    for (int layer : CoinNetworks.ENCODER_LAYERS) {
      assertEquals(ae.getLayer(layer).params(), transferred.getLayer(layer).params());
    }
    assertEquals(decoderBefore, transferred.getLayer(7).params(), "the decoder keeps its own init");
    ae.getLayer(0).getParam("W").addi(1); // a copy, not a shared view
    assertNotEquals(ae.getLayer(0).getParam("W"), transferred.getLayer(0).getParam("W"));
  }

  @Test
  void aFrozenEncoderStaysPutWhileTheDecoderTrains() {
    MultiLayerNetwork ae = pretrained();
    MultiLayerNetwork seg =
        CoinNetworks.transferEncoder(
            ae, CoinNetworks.segmentation(SIDE, CHANNELS, 2, new Adam(0.01)), true);
    INDArray encoder = seg.getLayer(2).params().dup();
    INDArray decoder = seg.getLayer(7).params().dup();
    seg.fit(segmentationBatch());
    assertEquals(encoder, seg.getLayer(2).params());
    assertNotEquals(decoder, seg.getLayer(7).params());

    MultiLayerNetwork tuned =
        CoinNetworks.transferEncoder(
            ae, CoinNetworks.segmentation(SIDE, CHANNELS, 2, new Adam(0.01)), false);
    tuned.fit(segmentationBatch());
    assertNotEquals(encoder, tuned.getLayer(2).params(), "fine-tuning moves the encoder");
  }

  @Test
  void theDenseAutoencoderDecodesItsOwnBottleneck() {
    MultiLayerNetwork ae = CoinNetworks.dense(12, 6, 3, 1, new Adam(0.01));
    Nd4j.getRandom().setSeed(1);
    INDArray x = Nd4j.rand(DataType.FLOAT, 5, 12);
    INDArray codes =
        ae.feedForwardToLayer(CoinNetworks.DENSE_BOTTLENECK, x, false)
            .get(CoinNetworks.DENSE_BOTTLENECK + 1);
    assertEquals(3, codes.columns());
    INDArray decoded =
        ae.activateSelectedLayers(CoinNetworks.DENSE_BOTTLENECK + 1, ae.getnLayers() - 1, codes);
    assertEquals(ae.output(x), decoded);
  }
}
