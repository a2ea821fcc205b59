import { describe, expect, it } from "vitest";
import { externalLoads } from "../scripts/self-contained.mjs";

describe("externalLoads", () => {
  it("finds what Redocly's default page loads from its CDN", () => {
    const html =
      `<link rel="modulepreload" href="https://cdn.redocly.com/redoc/v3.0.1/bundles/redoc.standalone.js" integrity="sha384-x" crossorigin="anonymous" />` +
      `<script type="module">\n  import { hydrate } from "https://cdn.redocly.com/redoc/v3.0.1/bundles/redoc.standalone.js";\n</script>`;
    expect(externalLoads(html)).toEqual([
      "link rel=modulepreload https://cdn.redocly.com/redoc/v3.0.1/bundles/redoc.standalone.js",
      "import https://cdn.redocly.com/redoc/v3.0.1/bundles/redoc.standalone.js",
    ]);
  });

  it("finds scripts, stylesheets, fonts, images and dynamic imports on other origins", () => {
    const html =
      `<script src="//cdn.example.com/a.js"></script>` +
      `<link href="https://fonts.example.com/css?family=X" rel="stylesheet">` +
      `<style>@import "https://example.com/b.css"; .x { background: url(https://example.com/c.png) }</style>` +
      `<img src="http://example.com/d.png"><script>import("https://example.com/e.js")</script>`;
    expect(externalLoads(html)).toEqual([
      "script //cdn.example.com/a.js",
      "link rel=stylesheet https://fonts.example.com/css?family=X",
      "import() https://example.com/e.js",
      "css https://example.com/b.css",
      "css https://example.com/c.png",
      "media http://example.com/d.png",
    ]);
  });

  it("allows what the page holds, relative files and links people follow", () => {
    const html =
      `<link rel="icon" href="/icon.svg"><script src="redoc.js"></script>` +
      `<style>.x { background: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E") }</style>` +
      `<a href="https://redocly.com/redoc/">API docs by Redocly</a>` +
      `<script type="module">const { hydrate } = window; import { x } from "./local.js";</script>`;
    expect(externalLoads(html)).toEqual([]);
  });
});
