import Link from "next/link";
import { LiveShortLink } from "@/components/live-short-link";
import { formatDate, listPosts } from "@/lib/blog";
import { EXAMPLE_ALIAS, links, pageMetadata, siteUrl } from "@/lib/site";

export const metadata = pageMetadata({
  title: "SMO1 — short links served at the edge, clicks counted once",
  description:
    "Short links redirected from Cloudflare's edge with a P99 target under 50 ms, kept in sync within 5 seconds, with click analytics that count every click exactly once. Run it yourself on Kubernetes.",
  path: "/",
  absoluteTitle: true,
});

const features = [
  {
    title: "Redirects at the edge",
    body: "A Cloudflare Worker answers each short link from Workers KV with one read and no call home. The service level objective: P99 below 50 ms. A link the edge does not know yet is answered by the origin instead, so it works from its first second.",
  },
  {
    title: "In sync within 5 seconds",
    body: "Every change to a link is an event in the cluster's journal. A projection writes the link's current record to Workers KV, in version order and never backwards, within 5 seconds of the change.",
  },
  {
    title: "Every click counted once",
    body: "Clicks are delivered at least once — queues retry, consumers fail — and counted exactly once: each click carries an id, duplicates are kept out of ClickHouse, and its tables are yours to query.",
  },
  {
    title: "Teams and an API",
    body: "Workspaces with roles and invitations, API keys scoped to what a program needs, per-key rate limits, and an audit log of who changed what.",
  },
  {
    title: "One link, one actor",
    body: "Each short code is a sharded, event-sourced actor in an Apache Pekko cluster: aliases are unique without locks, and every store beside the journal can be rebuilt from it.",
  },
  {
    title: "Yours to run",
    body: "Kubernetes manifests for three or more nodes that find each other, roll one at a time and survive a split brain, with Prometheus alerts, Grafana dashboards and a runbook.",
  },
] as const;

export default function Home() {
  const posts = listPosts().slice(0, 3);
  return (
    <>
      <section aria-labelledby="hero-title" className="py-6 sm:py-12">
        <h1 id="hero-title" className="max-w-3xl text-4xl font-bold tracking-tight sm:text-5xl">
          Short links that answer from the edge and count every click once
        </h1>
        <p className="mt-6 max-w-2xl text-lg text-muted">
          SMO1 shortens links, redirects visitors from Cloudflare&apos;s edge, and tells you
          exactly how many people followed them — on our cluster or on your own Kubernetes.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <a href={links.signup} className="button-primary">
            Create a free account
          </a>
          <a href={links.login} className="button-secondary">
            Log in
          </a>
        </div>
        <div className="mt-10 max-w-2xl rounded-lg border border-line bg-surface p-5">
          <h2 className="text-sm font-semibold tracking-wide text-muted uppercase">
            Try a short link
          </h2>
          <p className="mt-2 sm:text-lg">
            <LiveShortLink alias={EXAMPLE_ALIAS} fallbackOrigin={siteUrl()} />
          </p>
          <p className="mt-2 text-sm text-muted">
            This node made the link on its first start. Follow it: it leads to our post on how the
            edge redirects, and your visit counts as one click in the link&apos;s analytics.
          </p>
        </div>
      </section>

      <section aria-labelledby="how-title" className="mt-12">
        <h2 id="how-title" className="text-2xl font-bold tracking-tight sm:text-3xl">
          How SMO1 works
        </h2>
        <ul className="mt-6 grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
          {features.map((feature) => (
            <li key={feature.title} className="rounded-lg border border-line p-5">
              <h3 className="text-lg font-semibold">{feature.title}</h3>
              <p className="mt-2 text-muted">{feature.body}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="posts-title" className="mt-16">
        <h2 id="posts-title" className="text-2xl font-bold tracking-tight sm:text-3xl">
          How it is built
        </h2>
        <ul className="mt-6 grid gap-5 md:grid-cols-3">
          {posts.map((post) => (
            <li key={post.slug} className="flex flex-col rounded-lg border border-line p-5">
              <h3 className="text-lg font-semibold">
                <Link href={`/blog/${post.slug}/`} className="link">
                  {post.title}
                </Link>
              </h3>
              <p className="mt-1 text-sm text-muted">
                <time dateTime={post.date}>{formatDate(post.date)}</time>
              </p>
              <p className="mt-3 text-muted">{post.description}</p>
            </li>
          ))}
        </ul>
      </section>

      <section
        aria-labelledby="start-title"
        className="mt-16 rounded-lg bg-surface px-6 py-10 text-center"
      >
        <h2 id="start-title" className="text-2xl font-bold tracking-tight">
          Start with the free plan
        </h2>
        <p className="mx-auto mt-3 max-w-xl text-muted">
          Create links from the dashboard or the API. Compare the plans on the{" "}
          <Link href="/pricing/" className="link">
            pricing page
          </Link>
          , or read the{" "}
          <Link href="/docs/" className="link">
            docs
          </Link>{" "}
          to run SMO1 yourself.
        </p>
        <div className="mt-6 flex flex-wrap justify-center gap-3">
          <a href={links.signup} className="button-primary">
            Sign up
          </a>
          <a href={links.login} className="button-secondary">
            Log in
          </a>
        </div>
      </section>
    </>
  );
}
