package dev.smo1.http.link.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The drawings of a QR code, read back by ZXing's reader as a scanner would. */
class QrCodeTest {
  private static final String URL = "https://sho.rt/docs?qr=1";

  private static QrStyle style(QrStyle.Format format, int size, int margin) {
    return new QrStyle(format, size, margin, ErrorCorrectionLevel.M, Colour.BLACK, Colour.WHITE);
  }

  @ParameterizedTest(name = "{0} at {1} px, margin {2}")
  @CsvSource({"L,512,4", "M,66,4", "Q,300,8", "H,2048,16", "M,1000,1"})
  void aPngIsTheRequestedSizeAndScansAsTheText(ErrorCorrectionLevel level, int size, int margin)
      throws Exception {
    var style = new QrStyle(QrStyle.Format.PNG, size, margin, level, Colour.BLACK, Colour.WHITE);

    var image = QrScanner.png(QrCode.encode(URL, level).png(style));

    assertThat(image.getWidth()).isEqualTo(size);
    assertThat(image.getHeight()).isEqualTo(size);
    assertThat(QrScanner.decode(image)).isEqualTo(URL);
  }

  @Test
  void aPngGivesEveryModuleTheSameWholePixelsAndTheRestToTheQuietZone() throws Exception {
    var code = QrCode.encode(URL, ErrorCorrectionLevel.M);
    int side = code.side(4);
    int scale = 500 / side;
    int origin = (500 - scale * side) / 2 + 4 * scale;

    var image = QrScanner.png(code.png(style(QrStyle.Format.PNG, 500, 4)));

    for (int y = 0; y < code.width(); y++) {
      for (int x = 0; x < code.width(); x++) {
        int expected = code.isDark(x, y) ? 0x000000 : 0xffffff;
        // the module's first and last pixel
        assertThat(image.getRGB(origin + x * scale, origin + y * scale) & 0xffffff)
            .isEqualTo(expected);
        assertThat(
                image.getRGB(origin + x * scale + scale - 1, origin + y * scale + scale - 1)
                    & 0xffffff)
            .isEqualTo(expected);
      }
    }
    assertThat(image.getRGB(origin - 1, origin - 1) & 0xffffff).isEqualTo(0xffffff);
    assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo(0xffffff);
  }

  @Test
  void aPngWithoutQuietZoneStillScansAsTheText() throws Exception {
    var code = QrCode.encode(URL, ErrorCorrectionLevel.M);
    // a size the modules fill exactly: no pixel left over for a quiet zone
    int size = code.side(0) * 3;

    var image = QrScanner.png(code.png(style(QrStyle.Format.PNG, size, 0)));

    assertThat(image.getRGB(0, 0) & 0xffffff).as("the finder's corner").isZero();
    assertThat(QrScanner.decodeWithoutQuietZone(image)).isEqualTo(URL);
  }

  @Test
  void aPngIsDrawnInItsTwoColours() throws Exception {
    var style =
        new QrStyle(
            QrStyle.Format.PNG,
            256,
            4,
            ErrorCorrectionLevel.Q,
            Colour.parse("1A237E").orElseThrow(),
            Colour.parse("FFF8E1").orElseThrow());

    var image = QrScanner.png(QrCode.encode(URL, ErrorCorrectionLevel.Q).png(style));

    assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo(0xfff8e1);
    assertThat(image.getColorModel().getPixelSize()).as("a two-colour palette").isEqualTo(1);
    assertThat(QrScanner.decode(image)).isEqualTo(URL);
  }

  @Test
  void aPngWithFewerThanTwoPixelsAModuleIsRefused() throws Exception {
    // 24 characters at level M: version 2, 25 modules, 33 with the margin
    var code = QrCode.encode(URL, ErrorCorrectionLevel.M);

    assertThat(code.side(4)).isEqualTo(33);
    assertThat(code.minimumPngSize(4)).isEqualTo(66);
    assertThatThrownBy(() -> code.png(style(QrStyle.Format.PNG, 65, 4)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(QrScanner.decode(QrScanner.png(code.png(style(QrStyle.Format.PNG, 66, 4)))))
        .isEqualTo(URL);
  }

  @ParameterizedTest
  @EnumSource(ErrorCorrectionLevel.class)
  void anSvgIsOneRectAndOnePathOfExactlyTheCodesModules(ErrorCorrectionLevel level)
      throws Exception {
    var code = QrCode.encode(URL, level);
    var style = new QrStyle(QrStyle.Format.SVG, 640, 4, level, Colour.BLACK, Colour.WHITE);

    var svg = QrScanner.svg(code.svg(style));

    assertThat(svg.root().getAttribute("width")).isEqualTo("640");
    assertThat(svg.root().getAttribute("height")).isEqualTo("640");
    assertThat(svg.side()).isEqualTo(code.width() + 8);
    for (int y = 0; y < svg.side(); y++) {
      for (int x = 0; x < svg.side(); x++) {
        boolean inCode = x >= 4 && y >= 4 && x < 4 + code.width() && y < 4 + code.width();
        assertThat(svg.dark()[y][x])
            .as("module %d,%d", x, y)
            .isEqualTo(inCode && code.isDark(x - 4, y - 4));
      }
    }
    assertThat(QrScanner.decode(svg.raster(6))).isEqualTo(URL);
  }

  @Test
  void anSvgCarriesItsColoursAndItsMargin() throws Exception {
    var style =
        new QrStyle(
            QrStyle.Format.SVG,
            64,
            0,
            ErrorCorrectionLevel.L,
            Colour.parse("#0B3D2E").orElseThrow(),
            Colour.parse("f0f0f0").orElseThrow());
    var code = QrCode.encode(URL, ErrorCorrectionLevel.L);

    var svg = QrScanner.svg(code.svg(style));

    assertThat(svg.foreground()).isEqualTo("#0b3d2e");
    assertThat(svg.background()).isEqualTo("#f0f0f0");
    assertThat(svg.side()).isEqualTo(code.width());
    assertThat(QrScanner.decodeWithoutQuietZone(svg.raster(4))).isEqualTo(URL);
  }

  @Test
  void renderAnswersTheFormatsBytes() throws Exception {
    var code = QrCode.encode(URL, ErrorCorrectionLevel.M);

    var svg = code.render(style(QrStyle.Format.SVG, 512, 4));
    var png = code.render(style(QrStyle.Format.PNG, 512, 4));

    assertThat(svg.format()).isEqualTo(QrStyle.Format.SVG);
    assertThat(new String(svg.bytes(), StandardCharsets.UTF_8)).startsWith("<?xml");
    assertThat(png.format()).isEqualTo(QrStyle.Format.PNG);
    assertThat(png.bytes()).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void aTextBeyondAsciiIsEncodedAsUtf8() throws Exception {
    String url = "https://bücher.example/ünïcode?qr=1";

    var image =
        QrScanner.png(
            QrCode.encode(url, ErrorCorrectionLevel.M).png(style(QrStyle.Format.PNG, 400, 4)));

    assertThat(QrScanner.decode(image)).isEqualTo(url);
  }

  @Test
  void aTextTooLongForAnyQrCodeIsRefused() {
    assertThatThrownBy(() -> QrCode.encode("x".repeat(3000), ErrorCorrectionLevel.L))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
