import Link from "next/link";
import { links } from "@/lib/site";

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-line bg-surface">
      <div className="mx-auto flex max-w-5xl flex-col gap-4 px-4 py-8 text-sm text-muted sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>SMO1 — short links, edge redirects, exact click analytics.</p>
        <nav aria-label="Footer">
          <ul className="flex flex-wrap gap-x-5 gap-y-2">
            <li>
              <Link href="/pricing/" className="nav-link">
                Pricing
              </Link>
            </li>
            <li>
              <Link href="/blog/" className="nav-link">
                Blog
              </Link>
            </li>
            <li>
              <a href={links.apiReference} className="nav-link">
                API reference
              </a>
            </li>
            <li>
              <Link href="/docs/runbook/" className="nav-link">
                Runbook
              </Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
