/**
 * Vitest global setup, run in Node (not in workerd): an origin that accepts connections and never
 * answers, on a free port of 127.0.0.1, for the timeout tests. Its URL reaches them through
 * `inject("hangingOrigin")`; the teardown closes it and every connection the tests left open.
 */
import { createServer, type Socket } from "node:net";
import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject) {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  project.provide("hangingOrigin", `http://127.0.0.1:${address.port}`);
  return async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    hangingOrigin: string;
  }
}
