import Link from "next/link";
import type { Metadata } from "next";

export const metadata: Metadata = {
  title: "Page not found",
  description: "There is no page at this address.",
  robots: { index: false, follow: true },
};

export default function NotFound() {
  return (
    <div className="py-10">
      <h1 className="text-4xl font-bold tracking-tight">Page not found</h1>
      <p className="mt-4 max-w-2xl text-lg text-muted">
        There is no page at this address. If you followed a short link, it may have been mistyped.
      </p>
      <ul className="mt-8 flex flex-wrap gap-x-6 gap-y-2">
        <li>
          <Link href="/" className="link">
            Home
          </Link>
        </li>
        <li>
          <Link href="/blog/" className="link">
            Blog
          </Link>
        </li>
        <li>
          <Link href="/docs/" className="link">
            Docs
          </Link>
        </li>
      </ul>
    </div>
  );
}
