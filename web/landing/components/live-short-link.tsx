"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * A short link on whichever origin serves this page. The export is built once for every host, so
 * the server renders the configured site URL and the browser puts its own origin in its place.
 */
export function LiveShortLink({ alias, fallbackOrigin }: { alias: string; fallbackOrigin: string }) {
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => fallbackOrigin,
  );
  return (
    <a href={`/${alias}`} className="link font-mono break-all">
      {`${origin}/${alias}`}
    </a>
  );
}
