/** The local inbox (maildev's REST API): the mail the node sent, as a person would read it. */
import { expect } from "@playwright/test";
import { readStack } from "./stack";

type Mail = { to: { address: string }[]; subject: string; text: string; html?: string };

/** Waits (up to 15 s) for the newest message to `address` whose subject matches, and returns it. */
export async function mailTo(address: string, subject: RegExp): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const response = await fetch(`${readStack().inbox}/api/email`);
        const mails = (await response.json()) as Mail[];
        found = mails
          .filter((m) => m.to.some((t) => t.address.toLowerCase() === address.toLowerCase()))
          .filter((m) => subject.test(m.subject))
          .at(-1);
        return found !== undefined;
      },
      { timeout: 15_000, message: `mail to ${address} matching ${subject}` },
    )
    .toBe(true);
  return found!;
}

/** The first link in a message's text that starts with `prefix`. */
export function linkIn(mail: Mail, prefix: string): string {
  const link = mail.text
    .split(/\s+/)
    .find((word) => word.startsWith(prefix));
  if (!link) throw new Error(`no link starting with ${prefix} in: ${mail.text}`);
  return link;
}
