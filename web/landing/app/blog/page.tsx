import Link from "next/link";
import { formatDate, listPosts } from "@/lib/blog";
import { pageMetadata } from "@/lib/site";

export const metadata = pageMetadata({
  title: "Blog",
  description:
    "How SMO1 is built: redirects at the edge, clicks counted exactly once, running the cluster on Kubernetes.",
  path: "/blog/",
});

export default function Blog() {
  const posts = listPosts();
  return (
    <>
      <h1 className="text-4xl font-bold tracking-tight">Blog</h1>
      <p className="mt-4 max-w-2xl text-lg text-muted">
        How SMO1 works inside, written from its design decisions and what its tests measure.
      </p>
      <ol className="mt-10 space-y-10">
        {posts.map((post) => (
          <li key={post.slug}>
            <article aria-labelledby={`post-${post.slug}`}>
              <h2 id={`post-${post.slug}`} className="text-2xl font-bold tracking-tight">
                <Link href={`/blog/${post.slug}/`} className="link">
                  {post.title}
                </Link>
              </h2>
              <p className="mt-1 text-sm text-muted">
                <time dateTime={post.date}>{formatDate(post.date)}</time> · {post.author}
              </p>
              <p className="mt-3 max-w-3xl">{post.description}</p>
            </article>
          </li>
        ))}
      </ol>
    </>
  );
}
