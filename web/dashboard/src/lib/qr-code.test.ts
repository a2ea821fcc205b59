// @vitest-environment node
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  checkQrOptions,
  colourVerdict,
  contrastRatio,
  defaultQrOptions,
  normalisedColour,
  qrFileName,
  qrQuery,
  type ColourVerdict,
} from "./qr-code";

interface ColourCase {
  name: string;
  fg: string;
  bg: string;
  contrast: number;
  verdict: ColourVerdict;
}

// the fixture the API's ColourTest reads too
const fixture = JSON.parse(readFileSync(new URL("../../../../contract/qr-colours.json", import.meta.url), "utf8")) as {
  cases: ColourCase[];
};

describe("QR code colours (as the API judges them)", () => {
  it.each(fixture.cases)("$name", ({ fg, bg, contrast, verdict }) => {
    expect(Math.floor(contrastRatio(fg, bg) * 100) / 100).toBe(contrast);
    expect(colourVerdict(fg, bg)).toBe(verdict);
    expect(Boolean(checkQrOptions({ ...defaultQrOptions, fg, bg }).fg)).toBe(verdict !== "ok");
  });

  it("reads six hex digits in either case, with or without #", () => {
    expect(normalisedColour("1A237E")).toBe("#1a237e");
    expect(normalisedColour("#Ff00aA")).toBe("#ff00aa");
    for (const bad of ["", "#", "fff", "12345", "1234567", "#12345g", "##000000", "red"]) {
      expect(checkQrOptions({ ...defaultQrOptions, fg: bad }).fg, bad).toBeDefined();
      expect(checkQrOptions({ ...defaultQrOptions, bg: bad }).bg, bad).toBeDefined();
    }
  });
});

describe("QR code options", () => {
  it("wants a whole size of 64 to 2048 pixels", () => {
    for (const good of ["64", "512", "2048", " 300 "]) {
      expect(checkQrOptions({ ...defaultQrOptions, size: good }), good).toEqual({});
    }
    for (const bad of ["63", "2049", "", "big", "5.5", "-100", "+512"]) {
      expect(checkQrOptions({ ...defaultQrOptions, size: bad }).size, bad).toBeDefined();
    }
  });

  it("asks the API for the chosen image, colours without #", () => {
    const options = { format: "png" as const, size: "1024", fg: "#1A237E", bg: "fff8e1" };
    expect(qrQuery(options, "acme")).toEqual({ workspace: "acme", format: "png", size: 1024, fg: "1a237e", bg: "fff8e1" });
    expect(qrQuery(options, "acme", true)).toMatchObject({ download: "1" });
  });

  it("names the file as the API does", () => {
    expect(qrFileName("docs", "png")).toBe("docs-qr.png");
    expect(qrFileName("docs", "svg")).toBe("docs-qr.svg");
  });
});
