import type { NextConfig } from "next";

// A static export served by the node under /app (see web/README.md). Pages take ids as query
// parameters (/app/links/view/?code=abc), because an export cannot prerender unknown codes.
const nextConfig: NextConfig = {
  output: "export",
  basePath: "/app",
  trailingSlash: true,
  reactStrictMode: true,
  poweredByHeader: false,
  // neither works with a static export
  cacheComponents: false,
  partialPrefetching: false,
  images: { unoptimized: true },
};

export default nextConfig;
