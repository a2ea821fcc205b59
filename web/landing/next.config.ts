import type { NextConfig } from "next";

// A static export the node serves at `/`: every page is `out/<path>/index.html`, so no page needs
// a server. Cache Components and partial prefetching need one, hence off.
const config: NextConfig = {
  output: "export",
  trailingSlash: true,
  cacheComponents: false,
  partialPrefetching: false,
  reactStrictMode: true,
  images: { unoptimized: true },
  // `./smo1 test` type-checks every package just before it builds (SMO1_TYPECHECKED=1): once is
  // enough. Any other build type-checks here.
  typescript: { ignoreBuildErrors: process.env.SMO1_TYPECHECKED === "1" },
  transpilePackages: ["@smo1/plans"],
};

export default config;
