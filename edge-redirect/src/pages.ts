/** Answers the Worker makes itself: redirect bodies and the 404 / 410 / 503 pages, HTML or JSON. */

/** JSON only when the client asks for it and does not also accept HTML (the origin's rule). */
export function wantsJson(accept: string | null): boolean {
  return accept !== null && accept.includes("application/json") && !accept.includes("text/html");
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;",
  );
}

// the origin's page too (RedirectRoutes.html): a language, a viewport, a main landmark, a heading
function html(title: string, paragraph: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>` +
    `<body><main><h1>${title}</h1><p>${paragraph}</p></main></body></html>\n`
  );
}

export function redirectBody(location: string, status: number, json: boolean): string {
  return json
    ? JSON.stringify({ target: location, redirectType: status })
    : html("Redirecting", `Redirecting to <a href="${escapeHtml(location)}">${escapeHtml(location)}</a>`);
}

/** Seconds a 404 may be cached: short, so a link created a moment later is found. */
export const NOT_FOUND_MAX_AGE = 5;

export type Failure = { status: 404 | 410 | 451 | 503; code: string; message: string };

export const NOT_FOUND: Failure = {
  status: 404,
  code: "not_found",
  message: "This short link does not exist.",
};
export const DISABLED: Failure = {
  status: 410,
  code: "link_disabled",
  message: "This short link has been disabled by its owner.",
};
export const EXPIRED: Failure = { status: 410, code: "link_expired", message: "This short link has expired." };
/** Taken down by the platform (decision 0034); the origin's RedirectRoutes says the same. */
export const BLOCKED: Failure = {
  status: 451,
  code: "link_blocked",
  message:
    "This short link has been disabled for abuse: it was reported or found to lead to phishing, malware or other harmful content.",
};
export const UNAVAILABLE: Failure = {
  status: 503,
  code: "origin_unavailable",
  message: "This short link cannot be resolved right now; try again in a moment.",
};

export function failureBody(failure: Failure, json: boolean): string {
  if (json) {
    return JSON.stringify({ code: failure.code, message: failure.message, field: null });
  }
  const title =
    failure.status === 404
      ? "Link not found"
      : failure.status === 410
        ? "Link gone"
        : failure.status === 451
          ? "Link disabled for abuse"
          : "Try again";
  return html(title, escapeHtml(failure.message));
}
