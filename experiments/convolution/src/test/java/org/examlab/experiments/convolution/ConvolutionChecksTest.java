package org.examlab.experiments.convolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.examlab.architecture.InputSize;
import org.examlab.architecture.NetworkDescription;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ConvolutionChecksTest {
  static final Path ARCHITECTURES = Path.of("../../configs/architectures");

  @Test
  void singleConvolutionIsTranslationEquivariantButNotInvariant() {
    EquivarianceCheck e =
        EquivarianceCheck.measure(new ConvolutionSettings.Equivariance(16, 2, 3, 3, 2), 5);
    assertTrue(e.translationError() < 1e-9, "equivariant: " + e);
    assertTrue(e.translationChange() > 0.1, "not invariant: " + e);
    assertTrue(e.scaleError() > 0.1, "not scale equivariant: " + e);
    assertTrue(e.rotationError() > 0.1, "random filters are not rotation equivariant: " + e);
    assertTrue(e.rotationErrorSymmetricFilter() < 1e-9, "symmetric filters are: " + e);
  }

  @Test
  void rotationFourTimesIsTheIdentity() {
    INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 2, 5, 5);
    INDArray once = Convolutions.rotate90(x);
    assertTrue(once.sub(x).amaxNumber().doubleValue() > 0.01, "a rotation moves pixels");
    assertEquals(
        x.getDouble(0, 0, 0, 4),
        once.getDouble(0, 0, 0, 0),
        0.0,
        "the top-right corner turns to the top-left");
    assertEquals(x, Convolutions.rotate90(Convolutions.rotate90(Convolutions.rotate90(once))));
  }

  @Test
  void denseLayerEqualsOneByOneConvolution() {
    FullyConnectedAsConvolution fc =
        FullyConnectedAsConvolution.measure(new ConvolutionSettings.FullyConnected(6, 4, 3, 2), 3);
    assertTrue(fc.onePixelError() < 1e-9, fc.toString());
    assertTrue(fc.wholeMapError() < 1e-9, fc.toString());
  }

  @Test
  void residualBlockAddsTheIdentityToTheJacobian() {
    ResidualDerivative r = ResidualDerivative.measure(5, 2);
    assertTrue(r.identityError() < 1e-9, r.toString());
    assertTrue(r.residualJacobianNorm() > 0.1, r.toString());
  }

  @Test
  void probedReceptiveFieldsMatchTheArithmetic() throws Exception {
    NetworkDescription stacked =
        NetworkDescription.load(ARCHITECTURES.resolve("stacked-3x3.yaml"), List.of())
            .withInput(new InputSize(12, 12, 1));
    ReceptiveFieldProbe probe = ReceptiveFieldProbe.measure(stacked, 1);
    assertEquals(7, probe.height());
    assertEquals(7, probe.width());
    assertEquals(7, stacked.summary().last().field().vertical().size());

    NetworkDescription exam =
        NetworkDescription.load(ARCHITECTURES.resolve("exam-conv-transposed.yaml"), List.of())
            .upTo("batchNorm")
            .withInput(new InputSize(32, 32, 3));
    ReceptiveFieldProbe examProbe = ReceptiveFieldProbe.measure(exam, 1);
    assertEquals(12, examProbe.height(), "seed 001: the receptive field at batchNorm");
    assertEquals(12, examProbe.width());
  }

  @Test
  void boxOfChangedPixels() {
    boolean[] changes = new boolean[4 * 5];
    changes[1 * 5 + 2] = true;
    changes[3 * 5 + 3] = true;
    assertEquals(new ReceptiveFieldProbe(3, 2, 0.1), ReceptiveFieldProbe.box(changes, 4, 5));
  }
}
