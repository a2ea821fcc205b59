"use client";

import type { LiveClick } from "@smo1/api-types";
import { useEffect, useState } from "react";
import { Button } from "@/components/Button";
import { formatDateTime } from "@/lib/format";
import { liveClicksUrl, parseLiveClick, withClick } from "@/lib/live-clicks";

type State = "off" | "connecting" | "live" | "reconnecting";

const STATE_TEXT: Record<State, string> = {
  off: "Not watching.",
  connecting: "Connecting…",
  live: "Live: new clicks appear here as they happen.",
  reconnecting: "Connection lost; reconnecting…",
};

/** The link's clicks as they happen, while the owner watches (the API's live view). */
export function LiveClicksPanel({ workspace, code, domain }: { workspace: string; code: string; domain: string | null }) {
  const [watching, setWatching] = useState(false);
  const [state, setState] = useState<State>("off");
  const [clicks, setClicks] = useState<LiveClick[]>([]);

  useEffect(() => {
    if (!watching) return;
    const source = new EventSource(liveClicksUrl(workspace, code, domain));
    source.addEventListener("ready", () => setState("live"));
    source.addEventListener("click", (event) => {
      const click = parseLiveClick((event as MessageEvent<string>).data);
      if (click) setClicks((kept) => withClick(kept, click));
    });
    // EventSource reconnects by itself; "ready" says when it is back
    source.onerror = () => setState("reconnecting");
    return () => source.close();
  }, [watching, workspace, code, domain]);

  const toggle = () => {
    setState(watching ? "off" : "connecting");
    setWatching(!watching);
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant={watching ? "secondary" : "primary"} onClick={toggle}>
          {watching ? "Stop watching" : "Watch live"}
        </Button>
        <p role="status" aria-live="polite" className="text-sm text-muted">
          {STATE_TEXT[state]}
        </p>
      </div>
      {clicks.length === 0 ? (
        watching ? (
          <p className="text-sm text-muted">No clicks since you started watching.</p>
        ) : null
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label="Live clicks">
            <thead>
              <tr className="border-b border-border">
                <th scope="col" className="py-2 pr-4">
                  Time
                </th>
                <th scope="col" className="py-2 pr-4">
                  Country
                </th>
                <th scope="col" className="py-2 pr-4">
                  Device
                </th>
                <th scope="col" className="py-2 pr-4">
                  Browser
                </th>
                <th scope="col" className="py-2 pr-4">
                  Referrer
                </th>
                <th scope="col" className="py-2 pr-4">
                  How
                </th>
              </tr>
            </thead>
            <tbody>
              {clicks.map((click) => (
                <tr key={click.id} className="border-b border-border" data-testid="live-click">
                  <td className="py-2 pr-4">{formatDateTime(click.at)}</td>
                  <td className="py-2 pr-4">{click.country || "Unknown"}</td>
                  <td className="py-2 pr-4">{click.bot ? `${click.device} (robot)` : click.device}</td>
                  <td className="py-2 pr-4">{click.browser}</td>
                  <td className="py-2 pr-4">{click.referrerHost || "Direct"}</td>
                  <td className="py-2 pr-4">{click.trigger === "qr" ? "QR code" : "Link"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
