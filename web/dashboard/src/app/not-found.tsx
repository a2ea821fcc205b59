import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-muted">This page of the dashboard does not exist.</p>
      <p className="mt-4">
        <Link href="/links/">Go to your links</Link>
      </p>
    </main>
  );
}
