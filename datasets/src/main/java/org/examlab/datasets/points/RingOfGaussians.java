package org.examlab.datasets.points;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The classic GAN target: {@code modes} isotropic Gaussians of standard deviation {@code std},
 * centred evenly on a circle of {@code radius}. Because the modes are known, a generator's samples
 * can be scored exactly: how many modes it covers and what share of its samples are close to some
 * mode ("high quality").
 */
public record RingOfGaussians(int modes, double radius, double std) {

  public RingOfGaussians {
    if (modes < 1 || !(radius > 0) || !(std > 0)) {
      throw new IllegalArgumentException(
          "modes >= 1, radius > 0 and std > 0 required, got " + modes + ", " + radius + ", " + std);
    }
  }

  /** {@code n} points {@code [n, 2]}, deterministic from {@code seed}; mode chosen uniformly. */
  public INDArray sample(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] xy = new float[n * 2];
    for (int i = 0; i < n; i++) {
      int mode = random.nextInt(modes);
      double angle = 2 * Math.PI * mode / modes;
      xy[2 * i] = (float) (radius * Math.cos(angle) + std * gaussian(random));
      xy[2 * i + 1] = (float) (radius * Math.sin(angle) + std * gaussian(random));
    }
    return Nd4j.create(xy, new long[] {n, 2}, 'c');
  }

  /**
   * The nearest mode of each point, or -1 where it is further than {@code 3 std} from every mode.
   */
  public int[] nearbyMode(INDArray points) {
    double[][] p = points.castTo(DataType.DOUBLE).toDoubleMatrix();
    int[] result = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      result[i] = -1;
      for (int m = 0; m < modes; m++) {
        double angle = 2 * Math.PI * m / modes;
        double dx = p[i][0] - radius * Math.cos(angle);
        double dy = p[i][1] - radius * Math.sin(angle);
        if (Math.sqrt(dx * dx + dy * dy) <= 3 * std) {
          result[i] = m;
        }
      }
    }
    return result;
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
