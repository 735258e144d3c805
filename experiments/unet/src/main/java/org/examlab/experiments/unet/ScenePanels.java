package org.examlab.experiments.unet;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.examlab.harness.plots.Charts;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One figure per scene type: a row per test scene, columns input | ground truth | prediction, with
 * a title and a legend naming each class's colour.
 */
final class ScenePanels {
  private static final Color[] CLASS_COLOURS = {
    new Color(230, 75, 53), new Color(60, 130, 220), new Color(0, 160, 135)
  };
  private static final String[] COLUMNS = {"input", "ground truth", "prediction"};
  private static final int HEADER = 44;
  private static final int GAP = 4;

  private ScenePanels() {}

  /**
   * @param images NCHW RGB in [0, 1]
   * @param truth one-hot masks, NCHW
   * @param predicted class probabilities, NCHW
   */
  static Path save(
      String title,
      List<String> classNames,
      INDArray images,
      INDArray truth,
      INDArray predicted,
      Path file)
      throws IOException {
    int n = (int) images.size(0);
    int h = (int) images.size(2);
    int w = (int) images.size(3);
    int scale = Math.max(1, 160 / h);
    int tileW = w * scale;
    int tileH = h * scale;
    BufferedImage figure =
        new BufferedImage(
            3 * (tileW + GAP) + GAP, HEADER + n * (tileH + GAP) + 24, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = figure.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, figure.getWidth(), figure.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, GAP, 18);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int col = 0; col < 3; col++) {
      g.drawString(COLUMNS[col], GAP + col * (tileW + GAP), HEADER - 6);
    }
    int[] truthClass = truth.argMax(1).ravel().toIntVector();
    int[] predictedClass = predicted.argMax(1).ravel().toIntVector();
    float[] rgb = images.dup('c').data().asFloat();
    for (int i = 0; i < n; i++) {
      int y0 = HEADER + i * (tileH + GAP);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int p = y * w + x;
          int base = i * 3 * h * w + p;
          Color input = new Color(rgb[base], rgb[base + h * w], rgb[base + 2 * h * w]);
          Color[] row = {
            input,
            CLASS_COLOURS[truthClass[i * h * w + p]],
            CLASS_COLOURS[predictedClass[i * h * w + p]]
          };
          for (int col = 0; col < 3; col++) {
            g.setColor(row[col]);
            g.fillRect(GAP + col * (tileW + GAP) + x * scale, y0 + y * scale, scale, scale);
          }
        }
      }
    }
    int legendY = figure.getHeight() - 8;
    int x = GAP;
    for (int c = 0; c < classNames.size(); c++) {
      g.setColor(CLASS_COLOURS[c]);
      g.fillRect(x, legendY - 10, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(classNames.get(c), x + 16, legendY);
      x += 24 + g.getFontMetrics().stringWidth(classNames.get(c));
    }
    g.dispose();
    return Charts.saveImage(figure, file);
  }
}
