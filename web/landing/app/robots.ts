import type { MetadataRoute } from "next";
import { absoluteUrl } from "@/lib/site";

export const dynamic = "force-static";

export default function robots(): MetadataRoute.Robots {
  return {
    // the dashboard and the API are for signed-in people and programs, not for search engines
    rules: { userAgent: "*", allow: "/", disallow: ["/app/", "/api/"] },
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
