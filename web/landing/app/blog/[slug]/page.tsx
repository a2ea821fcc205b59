import Link from "next/link";
import { notFound } from "next/navigation";
import { MarkdownBody } from "@/components/markdown-body";
import { formatDate, getPost, listPosts, renderPost } from "@/lib/blog";
import { pageMetadata } from "@/lib/site";

interface Props {
  params: Promise<{ slug: string }>;
}

export const dynamicParams = false;

export function generateStaticParams(): { slug: string }[] {
  return listPosts().map((post) => ({ slug: post.slug }));
}

export async function generateMetadata({ params }: Props) {
  const post = getPost((await params).slug);
  if (post === undefined) {
    return {};
  }
  return pageMetadata({
    title: post.title,
    description: post.description,
    path: `/blog/${post.slug}/`,
    article: { publishedTime: post.date, authors: [post.author] },
  });
}

export default async function BlogPost({ params }: Props) {
  const post = getPost((await params).slug);
  if (post === undefined) {
    notFound();
  }
  const { html } = renderPost(post);
  return (
    <article className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link href="/blog/" className="link">
          Blog
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold tracking-tight sm:text-4xl">{post.title}</h1>
      <p className="mt-3 text-sm text-muted">
        <time dateTime={post.date}>{formatDate(post.date)}</time> · {post.author}
      </p>
      <p className="mt-6 text-lg text-muted">{post.description}</p>
      <div className="mt-8">
        <MarkdownBody html={html} />
      </div>
    </article>
  );
}
