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
  // `./smo1 test` type-checks every package just before it builds (SMO1_TYPECHECKED=1): once is
  // enough. Any other build type-checks here.
  typescript: { ignoreBuildErrors: process.env.SMO1_TYPECHECKED === "1" },
};

export default nextConfig;
