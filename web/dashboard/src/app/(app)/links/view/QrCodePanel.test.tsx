import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createQueryClient } from "@/components/Providers";
import type * as ApiModule from "@/lib/api";

// the panel's calls go to this fake API: the URL of each, and an answer the test chose
const calls: URL[] = [];
let answer: (url: URL) => Response = () => new Response("<svg/>", { headers: { "Content-Type": "image/svg+xml" } });

vi.mock("@/lib/api", async (original) => {
  const actual = await original<typeof ApiModule>();
  return {
    ...actual,
    api: actual.createApiClient({
      baseUrl: "http://dashboard.test",
      fetch: async (input: Request | URL | string) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        calls.push(url);
        return answer(url);
      },
    }),
  };
});

const { QrCodePanel } = await import("./QrCodePanel");

function renderPanel(domain: string | null = null) {
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <QrCodePanel workspace="acme" code="docs" domain={domain} shortUrl={domain ? `https://${domain}/docs` : "https://sho.rt/docs"} />
    </QueryClientProvider>,
  );
}

function query(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams);
}

const saved: { name: string; href: string }[] = [];

beforeEach(() => {
  calls.length = 0;
  saved.length = 0;
  answer = () => new Response("<svg/>", { headers: { "Content-Type": "image/svg+xml" } });
  let next = 0;
  URL.createObjectURL = vi.fn(() => `blob:qr-${++next}`);
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, href: this.href });
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the QR code panel", () => {
  it("shows the link's SVG, asked for with the workspace, as an image named by the short URL", async () => {
    renderPanel();

    const image = await screen.findByRole("img", { name: "QR code of https://sho.rt/docs" });
    expect(image.getAttribute("src")).toBe("blob:qr-1");
    expect(calls).toHaveLength(1);
    expect(calls[0]?.pathname).toBe("/api/v1/links/docs/qr");
    expect(query(calls[0]!)).toEqual({ workspace: "acme", format: "svg", fg: "000000", bg: "ffffff" });
  });

  it("names a custom domain's link by its domain, in the preview and the download", async () => {
    const user = userEvent.setup();
    renderPanel("go.shop.test");
    await screen.findByRole("img", { name: "QR code of https://go.shop.test/docs" });
    expect(query(calls[0]!)).toEqual({ workspace: "acme", domain: "go.shop.test", format: "svg", fg: "000000", bg: "ffffff" });

    await user.click(screen.getByRole("button", { name: "Download SVG" }));
    await screen.findByText("Downloaded docs-qr.svg.");
    const download = calls.find((url) => url.searchParams.get("download") === "1");
    expect(query(download!)).toMatchObject({ workspace: "acme", domain: "go.shop.test", format: "svg", download: "1" });
  });

  it("downloads the chosen format, size and colours under the API's file name", async () => {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByRole("img");
    answer = () => new Response(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), { headers: { "Content-Type": "image/png" } });

    await user.click(screen.getByRole("radio", { name: "PNG" }));
    await user.clear(screen.getByLabelText("Size in pixels"));
    await user.type(screen.getByLabelText("Size in pixels"), "1024");
    await user.clear(screen.getByLabelText("Foreground colour"));
    await user.type(screen.getByLabelText("Foreground colour"), "#1A237E");
    await user.click(screen.getByRole("button", { name: "Download PNG" }));

    await screen.findByText("Downloaded docs-qr.png.");
    const download = calls.find((url) => url.searchParams.get("download") === "1");
    expect(query(download!)).toEqual({ workspace: "acme", format: "png", size: "1024", fg: "1a237e", bg: "ffffff", download: "1" });
    expect(saved).toEqual([{ name: "docs-qr.png", href: expect.stringMatching(/^blob:qr-/) }]);
  });

  it("refuses colours scanners cannot read before asking the API", async () => {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByRole("img");

    await user.clear(screen.getByLabelText("Foreground colour"));
    await user.type(screen.getByLabelText("Foreground colour"), "959595");

    const fg = screen.getByLabelText("Foreground colour");
    expect(fg.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText(/contrast of 2\.99:1; scanners need at least 3:1/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Download SVG" }));
    expect(document.activeElement).toBe(fg);
    expect(calls.every((url) => url.searchParams.get("fg") === "000000")).toBe(true);
    expect(saved).toEqual([]);
  });

  it("shows the API's refusal on the field it names, and focuses it", async () => {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByRole("img");
    answer = (url) =>
      url.searchParams.get("download") === "1"
        ? Response.json(
            { code: "invalid_parameter", message: "a PNG of this link's code needs a size of at least 154", field: "size" },
            { status: 400 },
          )
        : new Response("<svg/>", { headers: { "Content-Type": "image/svg+xml" } });

    await user.click(screen.getByRole("radio", { name: "PNG" }));
    await user.clear(screen.getByLabelText("Size in pixels"));
    await user.type(screen.getByLabelText("Size in pixels"), "64");
    await user.click(screen.getByRole("button", { name: "Download PNG" }));

    const size = screen.getByLabelText("Size in pixels");
    await waitFor(() => expect(size.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByText("a PNG of this link's code needs a size of at least 154")).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(size));
    expect(saved).toEqual([]);
  });
});
