import Link from "next/link";
import { links } from "@/lib/site";

export const mainNavigation = [
  { href: "/pricing/", label: "Pricing" },
  { href: "/blog/", label: "Blog" },
  { href: "/docs/", label: "Docs" },
] as const;

export function SiteHeader() {
  return (
    <header className="border-b border-line">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="rounded text-xl font-bold tracking-tight text-ink">
          SMO1<span className="sr-only"> home</span>
        </Link>
        <nav aria-label="Main" className="order-last w-full sm:order-none sm:w-auto">
          <ul className="flex gap-5">
            {mainNavigation.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="nav-link">
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <a href={links.login} className="nav-link">
            Log in
          </a>
          <a href={links.signup} className="button-primary">
            Sign up
          </a>
        </div>
      </div>
    </header>
  );
}
