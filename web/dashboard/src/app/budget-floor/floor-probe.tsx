"use client";

/** The smallest client component: what any page with one pays for React and the router. */
export function FloorProbe() {
  return <p>Budget floor</p>;
}
