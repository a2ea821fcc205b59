package dev.smo1.http.link.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * Reads QR codes back as a scanner would, for tests: PNGs decoded by ImageIO, SVGs parsed as XML
 * and their one path rasterized module by module, then ZXing's own reader, which knows nothing of
 * how they were drawn.
 */
public final class QrScanner {
  private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

  /** A subpath of the dark modules' path: a run of {@code h} modules on row {@code y}. */
  private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\3z");

  private QrScanner() {}

  /** An SVG as drawn: its root's attributes and its modules, dark or not, quiet zone included. */
  public record Svg(Element root, String background, String foreground, boolean[][] dark) {
    public int side() {
      return dark.length;
    }

    /** The modules as black on white, {@code scale} pixels each. */
    public BufferedImage raster(int scale) {
      var image = new BufferedImage(side() * scale, side() * scale, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          image.getRaster().setSample(x, y, 0, dark[y / scale][x / scale] ? 0 : 255);
        }
      }
      return image;
    }
  }

  public static BufferedImage png(byte[] bytes) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    assertThat(image).as("a PNG ImageIO reads").isNotNull();
    return image;
  }

  /**
   * Parses an SVG as a strict XML parser does (no DTD), holds it to the shape the API promises (one
   * background rect covering the viewBox, one path, nothing else) and rebuilds its modules.
   */
  public static Svg svg(String text) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    Element root = document.getDocumentElement();
    assertThat(root.getNamespaceURI()).isEqualTo(SVG_NAMESPACE);
    assertThat(root.getLocalName()).isEqualTo("svg");
    assertThat(root.getAttribute("shape-rendering")).isEqualTo("crispEdges");
    String[] viewBox = root.getAttribute("viewBox").split(" ");
    assertThat(viewBox).hasSize(4);
    assertThat(viewBox[0]).isEqualTo("0");
    assertThat(viewBox[1]).isEqualTo("0");
    assertThat(viewBox[3]).isEqualTo(viewBox[2]);
    int side = Integer.parseInt(viewBox[2]);
    List<String> children = children(root);
    assertThat(children).as("the SVG's elements").containsExactly("rect", "path");
    Element rect = (Element) root.getElementsByTagNameNS(SVG_NAMESPACE, "rect").item(0);
    assertThat(rect.getAttribute("width")).isEqualTo(Integer.toString(side));
    assertThat(rect.getAttribute("height")).isEqualTo(Integer.toString(side));
    assertThat(rect.getAttribute("x")).isIn("", "0");
    assertThat(rect.getAttribute("y")).isIn("", "0");
    Element path = (Element) root.getElementsByTagNameNS(SVG_NAMESPACE, "path").item(0);
    boolean[][] dark = new boolean[side][side];
    String d = path.getAttribute("d");
    Matcher run = RUN.matcher(d);
    int end = 0;
    while (run.find()) {
      assertThat(run.start()).as("d is nothing but runs of modules").isEqualTo(end);
      end = run.end();
      int x = Integer.parseInt(run.group(1));
      int y = Integer.parseInt(run.group(2));
      int length = Integer.parseInt(run.group(3));
      for (int i = x; i < x + length; i++) {
        assertThat(dark[y][i]).as("module %d,%d drawn once", i, y).isFalse();
        dark[y][i] = true;
      }
    }
    assertThat(end).as("d is nothing but runs of modules").isEqualTo(d.length()).isPositive();
    return new Svg(root, rect.getAttribute("fill"), path.getAttribute("fill"), dark);
  }

  /** The text of the one QR code in {@code image}, found as a camera's frame would be. */
  public static String decode(BufferedImage image) throws Exception {
    return read(image, false).getText();
  }

  /** As {@link #decode}, for a code drawn without a quiet zone, which a finder cannot frame. */
  public static String decodeWithoutQuietZone(BufferedImage image) throws Exception {
    return read(image, true).getText();
  }

  private static Result read(BufferedImage image, boolean pure) throws Exception {
    var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
    Map<DecodeHintType, Object> hints =
        pure
            ? Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)
            : Map.of(
                DecodeHintType.POSSIBLE_FORMATS,
                List.of(BarcodeFormat.QR_CODE),
                DecodeHintType.TRY_HARDER,
                Boolean.TRUE);
    try {
      return new QRCodeReader().decode(bitmap, hints);
    } catch (NotFoundException e) {
      throw new AssertionError("no QR code found in the image", e);
    }
  }

  private static List<String> children(Element root) {
    var names = new java.util.ArrayList<String>();
    for (var node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        names.add(element.getLocalName());
      }
    }
    return names;
  }
}
