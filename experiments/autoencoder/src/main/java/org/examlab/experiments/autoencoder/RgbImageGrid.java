package org.examlab.experiments.autoencoder;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.examlab.datasets.images.ImageFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * RGB images {@code [n, 3, side, side]} in [0, 1] drawn as one grid, each tile scaled up, with an
 * optional label left of each row: reconstructions side by side and sample grids. (The harness's
 * image grid is grayscale.)
 */
final class RgbImageGrid {
  private static final int LABEL_WIDTH = 190;

  private RgbImageGrid() {}

  static void save(INDArray images, int columns, int scale, List<String> rowLabels, Path file)
      throws IOException {
    int n = (int) images.size(0);
    int side = (int) images.size(2);
    int tile = side * scale + 2;
    int rows = (n + columns - 1) / columns;
    int left = rowLabels.isEmpty() ? 0 : LABEL_WIDTH;
    BufferedImage grid =
        new BufferedImage(left + columns * tile, rows * tile, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = grid.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    for (int r = 0; r < Math.min(rows, rowLabels.size()); r++) {
      g.drawString(rowLabels.get(r), 6, r * tile + tile / 2 + 5);
    }
    g.dispose();
    float[] pixels = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
    for (int i = 0; i < n; i++) {
      int x0 = left + (i % columns) * tile + 1;
      int y0 = (i / columns) * tile + 1;
      for (int p = 0; p < side * side; p++) {
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
          float v = pixels[(i * 3 + c) * side * side + p];
          rgb = (rgb << 8) | Math.max(0, Math.min(255, Math.round(v * 255)));
        }
        for (int d = 0; d < scale * scale; d++) {
          grid.setRGB(
              x0 + (p % side) * scale + d % scale, y0 + (p / side) * scale + d / scale, rgb);
        }
      }
    }
    ImageFiles.writePng(grid, file);
  }
}
