// Generated from contract/openapi.yaml by packages/api-types/scripts/generate.mjs; do not edit.
// Regenerate: pnpm --filter @smo1/api-types generate

export type paths = {
    "/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The short code, case-sensitive.
                 * @example docs
                 */
                code: components["parameters"]["code"];
            };
            cookie?: never;
        };
        /**
         * Follow a short link
         * @description The link's redirect with `Location`. Browsers get short HTML bodies; a client whose
         *     `Accept` asks for `application/json` and not `text/html` gets JSON. A `GET` that
         *     redirects is a click. `Location` is plain ASCII: the target as the WHATWG URL standard
         *     serialises it, byte for byte what the edge sends. Permanent redirects (301, 308) carry
         *     `Cache-Control: public, max-age=…`, everything else `no-store`. Unknown codes beyond the
         *     per-address budget answer 429.
         *
         *     Link options: `utm` is merged into `Location`; a link gone (expired, exhausted,
         *     disabled) with an `expiredUrl` answers a `no-store` 302 there instead of 410 (not a
         *     click); a link-preview bot following a link with a `preview` gets the preview page
         *     (200, a click flagged as a bot's); a link with `maxVisits` counts each visit of a
         *     visitor that is not a bot before it answers, and answers 410 `link_exhausted` (or its
         *     fallback) once none is left. A password-protected link answers its password page (200,
         *     or 403 `password_required` as JSON) until the visitor has its access cookie (see
         *     `unlockLink`); that page is no click and counts no visit.
         *
         *     The query parameter `qr=1` (exactly so) is the scan marker a link's QR code carries: it
         *     is taken out of the query before the link's rules and query forwarding see it, and the
         *     visit counts with the trigger `qr` in analytics.
         */
        get: operations["followLink"];
        put?: never;
        /**
         * Give a protected link's password
         * @description The password page's form. The right password answers 303 back to the link (with the
         *     query it was posted with) and sets `smo1_access`, a cookie signed for this link and its
         *     current password, valid 24 hours, `HttpOnly; SameSite=Lax`, on the link's path only;
         *     with it the link redirects, at the origin and at the edge. A wrong one answers the page
         *     again (403 `wrong_password`). Attempts are limited, each counted before the password is
         *     checked: per link and visitor address (`SMO1_RATE_LIMIT_LINK_PASSWORD_ATTEMPTS`, default
         *     5 per 5 minutes) and per link (`..._PER_LINK`, 50); beyond, 429 until the window ends. A
         *     link without a password answers 303 back to it.
         */
        post: operations["unlockLink"];
        delete?: never;
        options?: never;
        /**
         * Check a short link
         * @description As `GET`, without a body, and not a click (nor a counted visit).
         */
        head: operations["followLinkHead"];
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness
         * @description 200 while the process runs.
         */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness
         * @description 200 once the node is an Up cluster member and the journal answers; 503 otherwise and from
         *     the start of a shutdown, with the reasons.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/internal/clicks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Click batches from the edge
         * @description The edge Worker's click batches, signed with the shared secret `SMO1_EDGE_CLICK_SECRET`:
         *     `X-SMO1-Signature: v1=<hex HMAC-SHA256("<timestamp>.<body>")>`. 202 once every click is
         *     durable in the click stream; a click whose id was stored within the last 2 hours counts as
         *     a duplicate and is not stored again. Nothing of a refused batch is stored.
         */
        post: operations["ingestClicks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/internal/visitor-salt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A day's visitor salt, for the edge
         * @description The random salt that keys one UTC day's visitor pseudonyms, for an edge Worker that did
         *     not find it in Workers KV (the nodes publish each day's salt there two hours before the
         *     day begins; decision 0021). Signed like click batches. Only yesterday's, today's and
         *     tomorrow's (by the node's clock), and only while the salt lives (until 02:00 UTC the day
         *     after its day); made if no node has made it yet.
         */
        post: operations["fetchVisitorSalt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This document
         * @description This OpenAPI document as JSON.
         */
        get: operations["getOpenApi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The plans a workspace can be on
         * @description Public, the same for everyone: the plans in the order they are offered, with their prices
         *     and limits, from the one plans file the node's quotas and billing read. The landing
         *     site's pricing page shows these. Cached for a minute.
         */
        get: operations["listPlans"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/stripe/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stripe's events (for Stripe only)
         * @description Verified by `Stripe-Signature` (HMAC-SHA256 with the endpoint's secret over
         *     `timestamp.body`, the timestamp within 5 minutes), no other authentication. Each event id
         *     is processed once (a redelivery answers `duplicate`); an event only names the subscription
         *     it is about, whose current state is read from Stripe, so events may arrive in any order. A
         *     5xx asks Stripe to deliver it again.
         */
        post: operations["receiveStripeWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign up
         * @description Creates an unverified account with a personal workspace and sends a verification email.
         *     Emails compare without case. Passwords: 10 to 256 characters, not a common password, not
         *     the email or its local part. Limited to 10 an hour per client address and 5 per email.
         */
        post: operations["signUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify an email address
         * @description With the token of an emailed link (`/verify-email?token=…`): the account counts as
         *     verified, or, for an email change, the new address becomes the account's email.
         */
        post: operations["verifyEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-email/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send the verification email again
         * @description 202 always; a new link goes out only to an unverified account.
         */
        post: operations["resendVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in
         * @description Sets the session and CSRF cookies. A wrong password and an unknown email answer alike.
         *     After 5 failures for one email, or 20 from one address, within 15 minutes: 429 until the
         *     window passes, without checking the password.
         */
        post: operations["logIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log out
         * @description Revokes the session and clears both cookies.
         */
        post: operations["logOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask for a password reset
         * @description 202 always, with the same body whether or not the account exists; the email goes only to
         *     an existing account.
         */
        post: operations["requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password
         * @description With the token of the emailed link. Every session of the user is revoked, and the address
         *     counts as verified.
         */
        post: operations["confirmPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in user
         * @description The user and their workspaces with their role in each. The list comes from the workspace
         *     read model: a workspace just created or joined appears within about a second.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        /**
         * Delete the account
         * @description Deletes the account, its sessions and tokens, and removes its memberships. 409
         *     `sole_owner` while it is the only owner of a workspace.
         */
        delete: operations["deleteAccount"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the password
         * @description Every other session of the user is revoked.
         */
        post: operations["changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the email address
         * @description The new address gets a verification link and becomes the account's email when it is followed.
         */
        post: operations["changeEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Log out everywhere
         * @description Every session of the user is revoked, this one included.
         */
        delete: operations["logOutEverywhere"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation
         * @description With the token of the emailed link (`/invitations/accept?token=…`): the signed-in user
         *     becomes a member with the invited role. The token is for the invited address only.
         */
        post: operations["acceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's workspaces
         * @description A session: the user's workspaces with their role in each. A key (`workspace:read`): its
         *     own workspace, with `role` null.
         */
        get: operations["listWorkspaces"];
        put?: never;
        /**
         * Create a workspace
         * @description Signed-in users only (keys: 403 `forbidden`). The slug is the workspace's id for ever,
         *     never reused, even after deletion.
         */
        post: operations["createWorkspace"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        /**
         * A workspace
         * @description The workspace with the caller's role, its member count and pending invitations.
         */
        get: operations["getWorkspace"];
        put?: never;
        post?: never;
        /**
         * Delete a workspace
         * @description Owners only (403 `owner_required`). The workspace is gone for good (its slug is never
         *     reused) and its keys are revoked on every node at once. 409 `workspace_not_empty` while it
         *     has links that are not deleted; 503 if the links read model does not catch up within 5 s.
         *     Keys are never owners.
         */
        delete: operations["deleteWorkspace"];
        options?: never;
        head?: never;
        /** Rename a workspace */
        patch: operations["updateWorkspace"];
        trace?: never;
    };
    "/api/v1/workspaces/{slug}/members": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        /** The members of a workspace */
        get: operations["listMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{slug}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                /** @description The member's user id. */
                userId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member
         * @description `workspace:admin`, except for a member removing themselves (leaving). Removing an owner
         *     takes an owner (403 `owner_required`); the last owner cannot go (409 `last_owner`).
         */
        delete: operations["removeMember"];
        options?: never;
        head?: never;
        /**
         * Change a member's role
         * @description Only owners grant or take the owner role (403 `owner_required`); a workspace keeps at least
         *     one owner (409 `last_owner`).
         */
        patch: operations["changeMemberRole"];
        trace?: never;
    };
    "/api/v1/workspaces/{slug}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invite someone
         * @description The address gets a single-use link (`/invitations/accept?token=…`, 7 days). Inviting an
         *     owner takes an owner (403 `owner_required`); 409 `limit_reached` beyond 100 pending
         *     invitations or 1,000 members; 400 `invalid_parameter` for an unknown role.
         */
        post: operations["inviteMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{slug}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        /**
         * The workspace's API keys
         * @description Newest first, without their secrets; `lastUsedAt` to the minute.
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key
         * @description The key itself is in this answer only. Its scopes are at most the creator's (422
         *     `invalid_scopes` otherwise, or for none or an unknown one).
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{slug}/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                /** @description The key's id. */
                keyId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Every node refuses the key within a second. 404 for any other id.
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{slug}/domains": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        /**
         * The workspace's custom domains
         * @description By name; removed ones are not listed.
         */
        get: operations["listDomains"];
        put?: never;
        /**
         * Add a custom domain
         * @description Adds a domain (a public host name; an internationalised one is stored as its `xn--`
         *     form) to the workspace, `pending` until DNS proves it: a TXT record
         *     `_smo1-challenge.<domain>` holding the token (`records[0].value`, in this answer only: it
         *     is kept as a hash), and the domain pointed at SMO1 (`records`: a CNAME for a subdomain, or
         *     A/AAAA records for an apex domain, when the server is configured with them). It is checked
         *     in the background (after a minute, then with the wait doubling up to an hour, for a week)
         *     and on request (`verifyDomain`). Several workspaces may claim a domain while it is pending;
         *     the first to verify it holds it, for good (409 `domain_taken` for any other since). 409
         *     `domain_exists` when the workspace has it already; `limit_reached` beyond 20.
         */
        post: operations["addDomain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{slug}/domains/{domain}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                /**
                 * @description The custom domain, as stored (lower case, `xn--` form); read case-insensitively.
                 * @example links.example.com
                 */
                domain: components["parameters"]["domain"];
            };
            cookie?: never;
        };
        /**
         * A custom domain
         * @description Where it stands, the records it needs (the token not shown), its settings.
         */
        get: operations["getDomain"];
        put?: never;
        post?: never;
        /**
         * Remove a custom domain
         * @description A domain never verified is forgotten. One that was verified is removed for good: its
         *     links answer 410 from then on, and no other workspace may take the domain (the
         *     workspace may add it again, pending under a new token).
         */
        delete: operations["removeDomain"];
        options?: never;
        head?: never;
        /**
         * Change where a custom domain's visitors go
         * @description Each field absent is kept, `null` cleared. Each URL is checked as a link's target is
         *     (absolute `http`/`https`), and may be on neither SMO1's domains nor this one (422
         *     `invalid_url` naming the field).
         */
        patch: operations["updateDomain"];
        trace?: never;
    };
    "/api/v1/workspaces/{slug}/domains/{domain}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                /**
                 * @description The custom domain, as stored (lower case, `xn--` form); read case-insensitively.
                 * @example links.example.com
                 */
                domain: components["parameters"]["domain"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a custom domain's DNS now
         * @description Reads the TXT record and where the domain points, and records what was found: `status`
         *     and, unless verified, `problem` in words. A resolver that does not answer changes nothing
         *     (`problem` says so).
         */
        post: operations["verifyDomain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{slug}/domains/{domain}/challenge": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                /**
                 * @description The custom domain, as stored (lower case, `xn--` form); read case-insensitively.
                 * @example links.example.com
                 */
                domain: components["parameters"]["domain"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new token for a custom domain's TXT record
         * @description For a token lost: the answer shows the new one (only here); the old one stops proving the
         *     domain at its next check.
         */
        post: operations["renewDomainChallenge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{slug}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        /** The workspace's webhook endpoints */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Add a webhook endpoint
         * @description Plans with webhooks only (else 403 `plan_required`); at most ten endpoints (409
         *     `limit_reached`). Link events the endpoint subscribes to are signed in the Standard Webhooks
         *     format (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256>`)
         *     with its `secret` (`whsec_…`, generated unless given; shown in this answer only) and
         *     delivered at-least-once, retried for 24 h. The URL must be https (http too in the local
         *     profile) and every address its host resolves to public: no private, loopback, link-local
         *     (cloud metadata), unique-local, documentation or reserved address, no number other than a
         *     dotted quad, no user information (422 `invalid_url` with the reason). Deliveries connect to
         *     the addresses checked then and never follow redirects.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{slug}/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                webhookId: string;
            };
            cookie?: never;
        };
        /** A webhook endpoint */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Remove a webhook endpoint and its delivery log */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /**
         * Change a webhook endpoint, or enable it again
         * @description A new URL is checked as at creation. Enabling an endpoint the platform disabled clears the reason.
         */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/api/v1/workspaces/{slug}/webhooks/{webhookId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                webhookId: string;
            };
            cookie?: never;
        };
        /**
         * The endpoint's delivery log
         * @description Newest first; each message with its attempts (status, latency, the answer's first 500 characters, or why none came).
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{slug}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                webhookId: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a message again
         * @description The message is sent again at once (its earlier attempts stay in the log), whatever it reached before.
         */
        post: operations["redeliverWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{slug}/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        /**
         * The workspace's audit log
         * @description Newest first. Addresses are kept as their /24 (IPv4) or /48 (IPv6) network.
         */
        get: operations["listAuditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/workspaces/{slug}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Put a workspace on a plan (platform admins)
         * @description Any plan of `listPlans`, without Stripe: for `enterprise` customers (with `limits` of
         *     their own, each null for none) and for support. A later subscription event of the
         *     workspace's Stripe subscription sets the plan it pays for again.
         */
        put: operations["setWorkspacePlan"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{slug}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        /**
         * What the workspace used of its plan this month
         * @description The calendar month (UTC) and each figure with the plan's limit (null: none). Links
         *     created this month: the workspace entity's count when the plan limits them (the figure a
         *     create is refused at; a deleted link still counts), else the links read model's.
         *     Tracked clicks: clicks from people (bots apart) this month, from ClickHouse's hourly
         *     rollup, exact; null when this installation has no ClickHouse. Members include pending
         *     invitations; custom domains and API keys are those held now.
         */
        get: operations["getUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{slug}/billing": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        /**
         * The workspace's plan, its limits and its subscription
         * @description The plan in force (as the workspace entity has it: a plan change is here as soon as its
         *     webhook was answered), its limits (null: none), and the Stripe subscription as SMO1 last
         *     applied it (null before the first one).
         */
        get: operations["getBilling"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{slug}/billing/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Subscribe to a paid plan, or change it
         * @description Without a live subscription: a Stripe Checkout page (`url`) to subscribe; the plan changes
         *     once it is paid (the webhook). With one: its price is changed at once (prorated) and the
         *     answer carries the subscription. Owners, admins and billing members, signed in. To go back
         *     to free, cancel in the Customer Portal (`openBillingPortal`): the plan ends with the period.
         */
        post: operations["startCheckout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{slug}/billing/portal": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A Stripe Customer Portal session
         * @description Payment methods, invoices and cancellation, on Stripe's pages, returning to the billing
         *     page. 404 before the workspace's first checkout. Owners, admins and billing members,
         *     signed in.
         */
        post: operations["openBillingPortal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{slug}/billing/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        /**
         * The workspace's invoices, newest first
         * @description The newest 24, from Stripe. Owners, admins and billing members, signed in.
         */
        get: operations["listInvoices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List links
         * @description The workspace's links, newest first, from the read model: eventually consistent (a link
         *     just created, changed or deleted shows so after a short lag), while
         *     `GET /api/v1/links/{code}` is always current. Pages are keyed on (creation time, code):
         *     walking with `nextCursor` while links are created returns every link that existed when the
         *     walk began exactly once. Unknown parameters answer 400 `invalid_parameter`.
         */
        get: operations["listLinks"];
        put?: never;
        /**
         * Create a link
         * @description Without `alias`, a 7-character base62 code is generated. Aliases are 3 to 64 characters
         *     of `A-Z a-z 0-9 _ -`, case-sensitive, not a reserved word; a code is never reused, even
         *     after deletion (409 `alias_taken`).
         *
         *     **Safe to retry** with an `Idempotency-Key` (the IETF draft's header, as Stripe uses it):
         *     a request sent again with the same key and the same body gets the first answer (the link,
         *     or the refusal of the request) with `Idempotent-Replayed: true`, and no second link is
         *     made, also when the first attempt answered 503 (it may have made the link: the retry then
         *     gets it). Keys belong to the caller (the workspace and the API key, or the signed-in
         *     user) and are kept 24 hours from their first request. The same key with another body
         *     answers 422 `idempotency_key_reused`; while the first attempt still runs, 409
         *     `idempotency_key_in_use` (retry after `Retry-After`). Answers refused before the create
         *     runs (400, 401, 403, 404, 413, 415, 429) and 5xx are not kept: the key stays free for a
         *     corrected request or a retry.
         */
        post: operations["createLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/links/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create up to 100 links
         * @description Each link is validated and created on its own, as `createLink` would (each takes its own
         *     slot of the plan's monthly links: once the quota is used up, the rest are refused with
         *     `quota_exceeded`); the answer has one result per link, in order: `{"ok": true, "link":
         *     …}` or `{"ok": false, "error": …}` with the error `createLink` would have answered.
         *
         *     **Safe to retry** with an `Idempotency-Key`: the whole request is kept and replayed, and
         *     each link is made once however often it is sent (generated codes included). When some
         *     link did not answer in time the request is answered 503 and nothing is kept: send it
         *     again with the same key to complete it.
         */
        post: operations["bulkCreateLinks"];
        /**
         * Delete up to 100 links
         * @description Deletes `codes` (on `domain`, the default one when absent), each on its own and recorded
         *     in the workspace's audit log as `deleteLink` records it; one result per link, in order
         *     (`{"ok": true}`, or `not_found`). With an `Idempotency-Key` the answer is kept and
         *     replayed.
         */
        delete: operations["bulkDeleteLinks"];
        options?: never;
        head?: never;
        /**
         * Change up to 100 links
         * @description Either `codes` (on `domain`, the default one when absent) all given the one `change`
         *     and/or `status`, or `items`, each with its own: a change is an `updateLink` body, a status
         *     `active` or `disabled` (as `enableLink` and `disableLink`), applied in that order. Each
         *     link is changed on its own; one result per link, in order, with the link as it is after.
         *     With an `Idempotency-Key` the answer is kept and replayed.
         */
        patch: operations["bulkUpdateLinks"];
        trace?: never;
    };
    "/api/v1/links/{code}": {
        parameters: {
            query?: {
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
                /**
                 * @description The custom domain the link is on (decision 0028); absent for the default domain. For the
                 *     workspace's analytics: that domain's links.
                 * @example links.example.com
                 */
                domain?: components["parameters"]["linkDomain"];
            };
            header?: never;
            path: {
                /**
                 * @description The short code, case-sensitive.
                 * @example docs
                 */
                code: components["parameters"]["code"];
            };
            cookie?: never;
        };
        /**
         * A link
         * @description Reads the link itself, so it is always current.
         */
        get: operations["getLink"];
        put?: never;
        post?: never;
        /**
         * Delete a link
         * @description The code answers 410 to visitors from then on and is never reused.
         */
        delete: operations["deleteLink"];
        options?: never;
        head?: never;
        /**
         * Change a link
         * @description An absent field is unchanged; `null` clears `expiresAt`, `title`, `tags`, `rules`,
         *     `variants`, `variantsUntil`, `utm`, `expiredUrl`, `preview` and `maxVisits` (`target`,
         *     `redirectType` and `forwardQuery` cannot be null). `rules` and `variants` replace the whole list; removing the variants removes
         *     `variantsUntil` too. An update that changes nothing persists nothing and answers 200; a
         *     body without fields is 422 `nothing_to_update`.
         */
        patch: operations["updateLink"];
        trace?: never;
    };
    "/api/v1/links/{code}/disable": {
        parameters: {
            query?: {
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
                /**
                 * @description The custom domain the link is on (decision 0028); absent for the default domain. For the
                 *     workspace's analytics: that domain's links.
                 * @example links.example.com
                 */
                domain?: components["parameters"]["linkDomain"];
            };
            header?: never;
            path: {
                /**
                 * @description The short code, case-sensitive.
                 * @example docs
                 */
                code: components["parameters"]["code"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Disable a link
         * @description Idempotent. A disabled link answers 410 to visitors.
         */
        post: operations["disableLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/links/{code}/enable": {
        parameters: {
            query?: {
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
                /**
                 * @description The custom domain the link is on (decision 0028); absent for the default domain. For the
                 *     workspace's analytics: that domain's links.
                 * @example links.example.com
                 */
                domain?: components["parameters"]["linkDomain"];
            };
            header?: never;
            path: {
                /**
                 * @description The short code, case-sensitive.
                 * @example docs
                 */
                code: components["parameters"]["code"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enable a link
         * @description Idempotent.
         */
        post: operations["enableLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/links/{code}/qr": {
        parameters: {
            query?: {
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
                /**
                 * @description The custom domain the link is on (decision 0028); absent for the default domain. For the
                 *     workspace's analytics: that domain's links.
                 * @example links.example.com
                 */
                domain?: components["parameters"]["linkDomain"];
            };
            header?: never;
            path: {
                /**
                 * @description The short code, case-sensitive.
                 * @example docs
                 */
                code: components["parameters"]["code"];
            };
            cookie?: never;
        };
        /**
         * A link's QR code
         * @description The QR code of the link's short URL with the scan marker, `<shortUrl>?qr=1`, so that a
         *     visit through it counts as a scan (trigger `qr` in the click analytics). Reads the link as
         *     `GET /api/v1/links/{code}` does: the same scope, and 404 for a link of another workspace.
         *     Drawn for any status (a printed code of a disabled link answers 410 to visitors until it
         *     is enabled again).
         *
         *     Every parameter is checked before the link is read: an unknown or repeated one, or a value
         *     out of its bounds, is 400 `invalid_parameter` with `field`. Colours must keep the code
         *     scannable: `fg` darker than `bg`, with a WCAG contrast ratio of at least 3:1 (else 400,
         *     `field` naming `fg`, or `bg` when only it was given). A PNG draws every module with the
         *     same whole number of pixels, at least 2, and widens the quiet zone with the pixels left
         *     over; a `size` too small for the code's modules with its margin is 400 on `size`, naming
         *     the smallest that fits. An SVG's `viewBox`
         *     counts modules: one background `rect` and one `path` of the dark modules, without script
         *     or text.
         */
        get: operations["getLinkQrCode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/links/{code}/clicks/live": {
        parameters: {
            query?: {
                /**
                 * @description The custom domain the link is on (decision 0028); absent for the default domain. For the
                 *     workspace's analytics: that domain's links.
                 * @example links.example.com
                 */
                domain?: components["parameters"]["linkDomain"];
            };
            header?: never;
            path: {
                /**
                 * @description The short code, case-sensitive.
                 * @example docs
                 */
                code: components["parameters"]["code"];
            };
            cookie?: never;
        };
        /**
         * A link's clicks, live
         * @description Server-sent events (`text/event-stream`): `ready` once the view is watching, then a `click`
         *     event per click of the link as it reaches the click stream (origin and edge alike, people
         *     and robots, `bot` says which), its data a `LiveClick`; a comment line every 15 s while
         *     idle. Each node reads the click stream once for all its views (no analytics query per
         *     viewer); a viewer reading slower than clicks come loses the oldest of 256 waiting. 503
         *     `analytics_not_configured` without a click stream, `unavailable` when the node has
         *     `SMO1_LIVE_CLICK_VIEWERS_PER_NODE` (500) views open.
         */
        get: operations["watchLinkClicks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/links/{code}/analytics": {
        parameters: {
            query?: {
                /**
                 * @description The custom domain the link is on (decision 0028); absent for the default domain. For the
                 *     workspace's analytics: that domain's links.
                 * @example links.example.com
                 */
                domain?: components["parameters"]["linkDomain"];
            };
            header?: never;
            path: {
                /**
                 * @description The short code, case-sensitive.
                 * @example docs
                 */
                code: components["parameters"]["code"];
            };
            cookie?: never;
        };
        /**
         * Click analytics of a link
         * @description Totals, unique visitors, a zero-filled series in the caller's time zone and the top values
         *     of six dimensions; robots left out unless `bots=include`. Every parameter is checked before
         *     anything is queried; an unknown, repeated or over-long one (64 characters) is 400
         *     `invalid_parameter` with `field`. The range is widened to whole buckets in `tz`.
         */
        get: operations["getLinkAnalytics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics": {
        parameters: {
            query?: {
                /**
                 * @description The custom domain the link is on (decision 0028); absent for the default domain. For the
                 *     workspace's analytics: that domain's links.
                 * @example links.example.com
                 */
                domain?: components["parameters"]["linkDomain"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Click analytics of a workspace
         * @description As a link's, for all the workspace's links on the default short domain; `code` is null.
         */
        get: operations["getWorkspaceAnalytics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export the workspace's links
         * @description Every link of the workspace on one domain (the default one unless `domain` names a custom
         *     domain of the workspace), filtered as `listLinks` filters, newest first, streamed from the
         *     read model a page at a time (any number of links). CSV (default) starts with the generic
         *     import format's columns, so an export imports again: `target,alias,title,tags,expiresAt,
         *     domain,shortUrl,status,redirectType,visits,createdAt,updatedAt` (tags joined with `|`;
         *     a text cell starting with `= + - @` gets a leading `'` so spreadsheets never read it as a
         *     formula). JSON is an array of link bodies as `getLink` answers them.
         */
        get: operations["exportLinks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/clicks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export raw clicks as CSV
         * @description The workspace's clicks of a range, one row per click, oldest first, streamed from
         *     ClickHouse as it reads them (not buffered): one link's with `code` (on `domain`, else the
         *     default domain), else every link's (on `domain` when named, else on every domain). People
         *     only unless `bots=include`. Columns: `time` (UTC), `domain`, `code`, `source`, `trigger`,
         *     `country`, `referrer_host`, `utm_source`, `utm_medium`, `utm_campaign`, `utm_term`,
         *     `utm_content`, `device`, `browser`, `os`, `is_bot`. The range is read as analytics read it
         *     and clamped to the plan's retention (`SMO1-Retention-Days` says so). Two exports of a
         *     workspace stream at once per node; a third is 429.
         */
        get: operations["exportClicks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/rebuild": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rebuild the projections
         * @description Platform admins only (users in `SMO1_ADMIN_EMAILS`, and keys such a user created with
         *     `workspace:admin`; else 403 `forbidden`). Rebuilds the read model, the Redis cache and
         *     (with KV sync on) Workers KV from the journal, streaming one progress line a second and
         *     `done` at the end. The read model is rebuilt in place and keeps answering: link lists and
         *     searches show every link throughout. Closing the connection does not stop the rebuild.
         */
        post: operations["rebuildProjections"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/refused-targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the stored targets today's rules refuse
         * @description Platform admins only (as `rebuildProjections`; else 403 `forbidden`). Checks the target of
         *     every link that is not deleted, as the read model holds it, against today's target rules
         *     and streams one tab-separated line per link they refuse: `domain/code`, the error code,
         *     `redirects` or `502` (whether a redirect can still carry the target), the reason and the
         *     stored target; then a summary line with the counts, including the targets redirects send
         *     normalised. These are links made before targets were normalised and checked (decision
         *     0017). Reads only.
         */
        get: operations["listRefusedTargets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/abuse-reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report a short link for abuse
         * @description Anyone may report a short link: no login, limited per client address
         *     (`SMO1_RATE_LIMIT_ABUSE_REPORTS_PER_IP`, 10 an hour; 503 `unavailable` when the limiter
         *     cannot count). The URL must name a link (`https://<domain>/<code>`, on the short domain or
         *     a custom one; else 422 `unknown_link`). Platform admins read the queue
         *     (`listAbuseReports`); the report is in their audit log.
         */
        post: operations["reportAbuse"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/abuse-reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The abuse report queue
         * @description Platform admins only (as `rebuildProjections`; else 403 `forbidden`). Oldest first, open
         *     reports unless `status` says otherwise.
         */
        get: operations["listAbuseReports"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/abuse-reports/{reportId}/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                reportId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Dismiss an abuse report
         * @description Platform admins only. An open report becomes `dismissed` (in the audit log); a report
         *     resolved already is answered as it is. A report acted on is resolved by
         *     `takeDownLink` with its `reportId`.
         */
        post: operations["dismissAbuseReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/links/{domain}/{code}/takedown": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domain: string;
                code: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a link down for abuse
         * @description Platform admins only. The link answers 451 (`link_blocked`, the "disabled for abuse" page)
         *     on every node, in Redis and, through Workers KV, at the edge; its owner can read or delete
         *     it but not enable or change it (403 `link_blocked`). The first takedown of a link is in the
         *     platform's audit log and the workspace's, and the workspace's owners are emailed; taking
         *     down a blocked link changes nothing (`alreadyBlocked`). With `reportId`, that report is
         *     resolved as `actioned`.
         */
        post: operations["takeDownLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/links/{domain}/{code}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domain: string;
                code: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lift a takedown
         * @description Platform admins only. A blocked link becomes disabled, for its owner to enable (a link
         *     whose target is still listed is taken down again by the next sweep). In the audit log.
         */
        post: operations["restoreLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The platform's audit log
         * @description Platform admins only. Newest first: every takedown (by an admin or by screening, with the
         *     list), restore, abuse report received and report resolved, across all workspaces.
         */
        get: operations["listPlatformAuditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        BulkCodes: string[];
        /**
         * @description `active` enables the link (as `enableLink`), `disabled` disables it.
         * @enum {unknown}
         */
        BulkStatus: "active" | "disabled";
        BulkResults: {
            results: components["schemas"]["BulkResult"][];
        };
        /** @description One item's outcome; `link` for an applied create or change, `error` for a refused item. */
        BulkResult: {
            ok: boolean;
            link?: components["schemas"]["Link"];
            error?: components["schemas"]["Error"];
        };
        LinkCreate: {
            target: components["schemas"]["Target"];
            /**
             * @description A verified custom domain of the workspace (see `addDomain`) the link goes on,
             *     with a code namespace of its own; absent or null for the default domain. 422
             *     `invalid_domain` for any other name.
             */
            domain?: string | null;
            alias?: string | null;
            /** @description Default 302. */
            redirectType?: components["schemas"]["RedirectType"] | null;
            /**
             * Format: date-time
             * @description RFC 3339 with an offset, in the future.
             */
            expiresAt?: string | null;
            title?: components["schemas"]["Title"];
            tags?: components["schemas"]["Tags"] | null;
            /** @description Append the short URL's query string to the target (default false). */
            forwardQuery?: boolean | null;
            rules?: components["schemas"]["Rules"] | null;
            variants?: components["schemas"]["Variants"] | null;
            /**
             * Format: date-time
             * @description When the A/B test ends (excluded); RFC 3339 with an offset, in the future, only with variants.
             */
            variantsUntil?: string | null;
            utm?: components["schemas"]["Utm"] | null;
            expiredUrl?: components["schemas"]["ExpiredUrl"] | null;
            preview?: components["schemas"]["Preview"] | null;
            maxVisits?: components["schemas"]["MaxVisits"] | null;
            password?: components["schemas"]["LinkPassword"] | null;
        };
        LinkChange: {
            target?: components["schemas"]["Target"];
            redirectType?: components["schemas"]["RedirectType"];
            /**
             * Format: date-time
             * @description RFC 3339 with an offset, in the future; null clears it.
             */
            expiresAt?: string | null;
            title?: components["schemas"]["Title"];
            /** @description The new tags; null clears them. */
            tags?: components["schemas"]["Tags"] | null;
            forwardQuery?: boolean;
            rules?: components["schemas"]["Rules"] | null;
            variants?: components["schemas"]["Variants"] | null;
            /**
             * Format: date-time
             * @description When the A/B test ends; null removes the end.
             */
            variantsUntil?: string | null;
            /** @description The new UTM parameters (all five replaced); null removes them. */
            utm?: components["schemas"]["Utm"] | null;
            /** @description null removes the fallback. */
            expiredUrl?: components["schemas"]["ExpiredUrl"] | null;
            /** @description null removes the preview. */
            preview?: components["schemas"]["Preview"] | null;
            /**
             * @description The new limit, counting the visits already made (a limit at or below them
             *     exhausts the link at once); null removes the limit.
             */
            maxVisits?: components["schemas"]["MaxVisits"] | null;
            /** @description A new password (access cookies given for the old one end); null removes the protection. */
            password?: components["schemas"]["LinkPassword"] | null;
        };
        /** @description The one error body of the API. */
        Error: {
            code: components["schemas"]["ErrorCode"];
            /** @description For people; may change. */
            message: string;
            /** @description The request field or parameter at fault, or null. */
            field: string | null;
            quota?: components["schemas"]["Quota"];
        };
        /**
         * @description With `quota_exceeded` only: what of the workspace's plan ran out, its limit, what is used
         *     of it, and where the plan is changed.
         */
        Quota: {
            /**
             * @description `links` are per calendar month (UTC); the others are held at once.
             * @enum {string}
             */
            resource: "links" | "members" | "custom_domains" | "api_keys";
            limit: number;
            used: number;
            /** @description The id of the workspace's plan (see `listPlans`). */
            plan: string;
            /**
             * @description The workspace's billing page in the dashboard, a path on the API's own origin.
             * @example /app/billing/?workspace=acme
             */
            upgradeUrl: string;
        };
        Usage: {
            workspace: string;
            plan: string;
            /**
             * Format: date-time
             * @description The month's first instant (UTC).
             */
            periodStart: string;
            /**
             * Format: date-time
             * @description The next month's first instant, excluded.
             */
            periodEnd: string;
            links: components["schemas"]["Meter"];
            trackedClicks: components["schemas"]["TrackedClicksMeter"];
            customDomains: components["schemas"]["Meter"];
            members: components["schemas"]["Meter"];
            apiKeys: components["schemas"]["Meter"];
        };
        Meter: {
            /** @description Null when it cannot be counted on this installation. */
            used: number | null;
            /** @description Null for no limit. */
            limit: number | null;
        };
        /** @description Clicks from people this month. Clicks beyond the plan's volume are still redirected and stored: in the order they happened, every click from the first one over the volume on is over quota. */
        TrackedClicksMeter: {
            /** @description Null when it cannot be counted on this installation (no ClickHouse). */
            used: number | null;
            /** @description The plan's monthly volume; null for none. */
            limit: number | null;
            /** @description Clicks this month beyond the volume (0 within it); null without a volume or a count. */
            overQuota: number | null;
            /**
             * Format: date-time
             * @description When the first click over the volume happened; null while there is none.
             */
            overQuotaSince: string | null;
        };
        Billing: {
            workspace: string;
            /** @description The plan in force (see `listPlans`). */
            plan: string;
            limits: components["schemas"]["PlanLimits"];
            /** @description The limits are the workspace's own (enterprise), not the plan's. */
            customLimits: boolean;
            /** @description Paid plans can be bought on this installation (Stripe is configured). */
            purchasable: boolean;
            subscription: components["schemas"]["Subscription"] | null;
        };
        Subscription: {
            /** @description Stripe's status (`active`, `past_due`, `canceled`, …). */
            status: string;
            /** @description The plan the subscription pays for. */
            plan: string | null;
            /** @enum {string|null} */
            interval: "month" | "year" | null;
            /** Format: date-time */
            currentPeriodEnd: string | null;
            /** @description Cancelled; the plan ends at `currentPeriodEnd`. */
            cancelAtPeriodEnd: boolean;
            /**
             * Format: date-time
             * @description A payment failed then; the plan is kept until `graceEndsAt`.
             */
            pastDueSince: string | null;
            /** Format: date-time */
            graceEndsAt: string | null;
            /**
             * Format: date-time
             * @description The grace period ended unpaid and the workspace moved to free then.
             */
            downgradedAt: string | null;
        };
        Invoice: {
            id: string;
            number: string | null;
            /** @description Stripe's (`paid`, `open`, …). */
            status: string | null;
            currency: string;
            amountDue: number;
            amountPaid: number;
            /** Format: date-time */
            created: string;
            /** Format: date-time */
            periodStart: string;
            /** Format: date-time */
            periodEnd: string;
            /** @description Stripe's page of the invoice. */
            url: string | null;
        };
        PlanList: {
            /** @description In the order they are offered, cheapest first; `enterprise` last. */
            plans: components["schemas"]["Plan"][];
        };
        Plan: {
            /**
             * @description Stable, stored with each workspace; never renamed or reused.
             * @example pro
             */
            id: string;
            name: string;
            description: string;
            price: components["schemas"]["PlanPrice"];
            limits: components["schemas"]["PlanLimits"];
            /** @description What the plan offers, in words for people, most important first. */
            features: string[];
            capabilities: components["schemas"]["PlanCapabilities"];
            /** @description Bought and changed in the dashboard; false for `enterprise` (arranged with SMO1). */
            selfServe: boolean;
            /** @description The recommended plan. */
            highlighted: boolean;
        };
        PlanPrice: {
            currency: string;
            /** @description One month billed monthly, in the currency's minor unit; null for a price by agreement. */
            monthlyCents: number | null;
            /** @description One year billed yearly; null for a price by agreement. */
            yearlyCents: number | null;
        };
        /** @description Per workspace; null is no limit of the plan's own (`enterprise`, set per workspace). */
        PlanLimits: {
            /** @description Links created per calendar month (UTC); a deleted link still counts. */
            linksPerMonth: number | null;
            /** @description Clicks counted per month; clicks beyond are redirected and stored, flagged as over quota. */
            trackedClicksPerMonth: number | null;
            customDomains: number | null;
            /** @description Members and pending invitations together. */
            members: number | null;
            apiKeys: number | null;
            /** @description Requests per minute of each API key. */
            apiRequestsPerMinute: number | null;
            /** @description How far back analytics answer. */
            analyticsRetentionDays: number | null;
        };
        PlanCapabilities: {
            passwordLinks: boolean;
            rulesAndVariants: boolean;
            webhooks: boolean;
        };
        /**
         * @description Stable and machine-readable; codes are added, never renamed.
         * @enum {string}
         */
        ErrorCode: "malformed_json" | "invalid_type" | "unknown_field" | "invalid_parameter" | "bad_request" | "invalid_token" | "invalid_click_batch" | "unauthorized" | "invalid_credentials" | "invalid_signature" | "forbidden" | "insufficient_scope" | "csrf_failed" | "email_not_verified" | "owner_required" | "not_found" | "not_a_member" | "method_not_allowed" | "alias_taken" | "email_taken" | "slug_taken" | "already_member" | "last_owner" | "sole_owner" | "workspace_not_empty" | "limit_reached" | "quota_exceeded" | "invalid_plan" | "billing_unavailable" | "gone" | "link_disabled" | "link_expired" | "link_deleted" | "link_exhausted" | "link_blocked" | "unsafe_target" | "screening_unavailable" | "unknown_link" | "invalid_reason" | "invalid_details" | "invalid_events" | "invalid_secret" | "plan_required" | "payload_too_large" | "unsupported_media_type" | "invalid_target" | "target_is_short_domain" | "invalid_alias" | "reserved_alias" | "invalid_redirect_type" | "invalid_expiry" | "invalid_title" | "invalid_tags" | "invalid_rules" | "invalid_variants" | "invalid_utm" | "invalid_expired_url" | "invalid_preview" | "invalid_max_visits" | "invalid_password" | "nothing_to_update" | "invalid_email" | "weak_password" | "invalid_name" | "invalid_slug" | "invalid_scopes" | "invalid_domain" | "invalid_url" | "domain_exists" | "domain_taken" | "rate_limited" | "internal" | "unavailable" | "clicks_not_configured" | "analytics_not_configured" | "analytics_timeout" | "analytics_unavailable" | "target_unavailable" | "password_required" | "wrong_password" | "invalid_idempotency_key" | "idempotency_key_reused" | "idempotency_key_in_use" | "invalid_items";
        /** @description A link as its workspace sees it. */
        Link: {
            /** @description Case-sensitive. */
            code: string;
            /** @description The short domain. */
            domain: string;
            /**
             * Format: uri
             * @description `SMO1_PUBLIC_BASE_URL/code`
             */
            shortUrl: string;
            /**
             * @description The normalised target URL: plain ASCII, as the WHATWG URL standard serialises it
             *     (`new URL(target).href`). A link made before targets were normalised shows its target
             *     as it was stored (raw non-ASCII, say); its redirects send the normalised form.
             */
            target: string;
            redirectType: components["schemas"]["RedirectType"];
            /** Format: date-time */
            expiresAt: string | null;
            title: string | null;
            tags: components["schemas"]["Tags"];
            /** @description Whether the short URL's query string is appended to the target when redirecting. */
            forwardQuery: boolean;
            rules: components["schemas"]["Rules"];
            variants: components["schemas"]["Variants"];
            /**
             * Format: date-time
             * @description When the A/B test ends (excluded); null while it runs without end.
             */
            variantsUntil: string | null;
            utm: components["schemas"]["Utm"] | null;
            expiredUrl: components["schemas"]["ExpiredUrl"] | null;
            preview: components["schemas"]["Preview"] | null;
            maxVisits: components["schemas"]["MaxVisits"] | null;
            /**
             * Format: int64
             * @description The visits counted against `maxVisits` (0 for a link without a limit, or while the
             *     limit was off). Bots are not counted. In lists, as of the read model's last update.
             */
            visits: number;
            /** @description Whether visitors must give the link's password first (the password itself is write-only). */
            passwordProtected: boolean;
            status: components["schemas"]["LinkStatus"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /**
         * @description Targeting rules, in order: a visit goes to the target of the first rule whose conditions
         *     all hold (src-docs/api.md, "Targeting rules and A/B tests"; decision 0023). Visits a rule
         *     routes are answered `Cache-Control: no-store`, whatever the redirect type.
         */
        Rules: components["schemas"]["Rule"][];
        Rule: {
            when: components["schemas"]["Conditions"];
            target: components["schemas"]["Target"];
        };
        /**
         * @description Each condition given must hold; within one, any of its values will do; an empty list is
         *     no condition. An unknown visit attribute (no country, no `Accept-Language`, a user agent
         *     not recognised) satisfies no condition on it.
         */
        Conditions: {
            device?: ("desktop" | "mobile" | "tablet")[];
            os?: ("ios" | "android" | "windows" | "macos" | "linux" | "chromeos")[];
            browser?: ("chrome" | "safari" | "firefox" | "edge" | "opera" | "samsung")[];
            /** @description ISO 3166-1 alpha-2 codes (stored upper case). */
            country?: string[];
            /** @description Language tags; `de` also matches `de-AT`. Stored lower case. */
            language?: string[];
            /** @description Query parameters of the short URL, each present (null) or equal to a value. */
            query?: {
                [key: string]: string | null;
            };
            /** @description Hosts of the referrer; a host also matches its subdomains. */
            referrerHost?: string[];
            /**
             * Format: date-time
             * @description The first instant the rule holds.
             */
            from?: string;
            /**
             * Format: date-time
             * @description The instant from which it no longer holds.
             */
            until?: string;
        };
        /**
         * @description An A/B test: 2 to 5 targets; a visit no rule routes goes to one of them by weight, and a
         *     cookie (`smo1_variant`, scoped to the link's path, 30 days) keeps the visitor on it.
         */
        Variants: components["schemas"]["Variant"][];
        Variant: {
            target: components["schemas"]["Target"];
            /** @description New visitors' share is the weight over the sum of weights; 0 takes no new ones. */
            weight: number;
        };
        /**
         * @description UTM parameters merged into the target when redirecting, at the origin and the edge
         *     alike: each one set replaces the target's parameter of that name, and they are appended
         *     as `utm_source`, `utm_medium`, `utm_campaign`, `utm_term`, `utm_content` (in that order,
         *     encoded as `encodeURIComponent` does), before a forwarded query. At least one; values are
         *     1 to 256 characters after stripping white space (422 `invalid_utm` naming the field).
         */
        Utm: {
            source?: string;
            medium?: string;
            campaign?: string;
            term?: string;
            content?: string;
        };
        /**
         * @description Where visitors go (a 302 no one stores) once the link has expired, used up its
         *     `maxVisits` or been disabled, instead of the 410 page. An absolute http(s) URL, checked
         *     and normalised as targets are (422 `invalid_expired_url`).
         */
        ExpiredUrl: string;
        /**
         * @description What link-preview bots (Slack, X, Facebook, LinkedIn, Discord, WhatsApp, Telegram, …) get
         *     instead of the redirect: a page with Open Graph and Twitter card tags, at the origin and
         *     the edge. 422 `invalid_preview` names the field refused.
         */
        Preview: {
            title: string;
            description?: string | null;
            /** @description An absolute http(s) URL of the card's image. */
            image?: string | null;
        };
        /**
         * @description Visitors must give it before they are redirected (a page at the origin; at the edge
         *     too, through the origin). Kept only as an Argon2id hash, never answered, logged or sent
         *     to the edge. 6 to 128 characters without control characters (422 `invalid_password`).
         */
        LinkPassword: string;
        /**
         * @description Exactly this many redirects ever succeed, across every node and the edge (the link
         *     counts each before it answers); the next visitor goes to `expiredUrl`, or gets 410
         *     `link_exhausted`. Bot visits are not counted. 422 `invalid_max_visits` out of range.
         */
        MaxVisits: number;
        /**
         * @description `deleted` only in a list asked for `status=deleted`. `exhausted`: every one of its `maxVisits` has been used. `blocked`: taken down by the platform for abuse; it can be read and deleted, not enabled or changed.
         * @enum {string}
         */
        LinkStatus: "active" | "disabled" | "expired" | "deleted" | "exhausted" | "blocked";
        /** @enum {integer} */
        RedirectType: 301 | 302 | 307 | 308;
        /**
         * @description An absolute `http` or `https` URL with a public host, no user-info, not on SMO1's own short
         *     domain, and no `%` that does not start an escape of two hex digits (`%zz`, `%4`, a trailing
         *     `%`). Stored as the WHATWG URL standard serialises it: scheme and host lower-cased,
         *     internationalised host names through IDNA 2008 / UTS #46 (`faß.de` is `xn--fa-hia.de`),
         *     default ports dropped, an empty path made `/`, dot segments resolved, and non-ASCII (and
         *     `"`, `<`, `>`, … where the standard encodes them) percent-encoded as UTF-8 in path, query
         *     and fragment; escapes already there are kept as written. At most 2,048 characters both as
         *     sent and as stored.
         */
        Target: string;
        /** @description No control characters. */
        Title: string | null;
        Tags: string[];
        /**
         * @default day
         * @enum {string}
         */
        Interval: "hour" | "day";
        AnalyticsReport: {
            /**
             * @description Only when the range asked reached further back than the workspace's plan keeps
             *     analytics: it was clamped, `from` is the start actually counted.
             */
            retention?: {
                /** @description The plan's `analyticsRetentionDays`. */
                days: number;
                /** Format: date-time */
                requestedFrom: string;
            };
            /** @description The link's code; null for a whole workspace. */
            code: string | null;
            /**
             * Format: date-time
             * @description The start actually counted (aligned to the bucket in `timeZone`).
             */
            from: string;
            /**
             * Format: date-time
             * @description The end actually counted (aligned).
             */
            to: string;
            interval: components["schemas"]["Interval"];
            timeZone: string;
            botsIncluded: boolean;
            totals: {
                /** @description The sum of the series. */
                clicks: number;
                /** @description Distinct daily visitor pseudonyms (they rotate every UTC day). */
                uniqueVisitors: number;
                /** @description False beyond 100,000 clicks, where `uniqueVisitors` is an estimate. */
                uniqueVisitorsExact: boolean;
            };
            /** @description Every bucket from `from` to `to`, zero-filled. */
            series: {
                /**
                 * Format: date-time
                 * @description The bucket's local start, with the zone's offset at that moment.
                 */
                start: string;
                clicks: number;
            }[];
            top: {
                country: components["schemas"]["TopValues"];
                referrer: components["schemas"]["TopValues"];
                device: components["schemas"]["TopValues"];
                browser: components["schemas"]["TopValues"];
                os: components["schemas"]["TopValues"];
                utmSource: components["schemas"]["TopValues"];
                /**
                 * @description How visits came: `link` (followed) or `qr` (a scan of the link's QR code, whose URL
                 *     carries the marker `qr=1`).
                 */
                trigger: components["schemas"]["TopValues"];
                /**
                 * @description The link's targeting rule that sent visitors, by position from 1 (`"1"` is the first
                 *     rule as the link has them now; null: no rule matched). One link only: empty for the
                 *     workspace.
                 */
                rule: components["schemas"]["TopValues"];
                /**
                 * @description The link's A/B test variant visitors were sent to, by position from 1 (null: none).
                 *     One link only: empty for the workspace.
                 */
                variant: components["schemas"]["TopValues"];
            };
        };
        /** @description The most frequent values, most clicks first, ties by value. */
        TopValues: {
            /** @description Null for "unknown / none". */
            value: string | null;
            clicks: number;
        }[];
        User: {
            /** Format: uuid */
            id: string;
            email: string;
            name: string;
            emailVerified: boolean;
            /** Format: date-time */
            createdAt: string;
        };
        Me: {
            /** Format: uuid */
            id: string;
            email: string;
            name: string;
            emailVerified: boolean;
            /** @description Named in `SMO1_ADMIN_EMAILS`. */
            platformAdmin: boolean;
            workspaces: components["schemas"]["WorkspaceSummary"][];
        };
        /** @enum {string} */
        Role: "owner" | "admin" | "member" | "viewer" | "billing";
        /** @enum {string} */
        Scope: "links:read" | "links:write" | "analytics:read" | "workspace:read" | "workspace:admin";
        /** @description Lowercase letters, digits and single inner hyphens, not a reserved word. */
        Slug: string;
        WorkspaceName: string;
        WorkspaceSummary: {
            slug: string;
            name: string;
            /** @description The user's role; null in a key's list. */
            role: components["schemas"]["Role"] | null;
        };
        Workspace: {
            slug: string;
            name: string;
            /** Format: date-time */
            createdAt: string;
            /** @description The caller's role; null for a key. */
            role: components["schemas"]["Role"] | null;
            /** @description How many members it has. */
            members: number;
            invitations: components["schemas"]["PendingInvitation"][];
        };
        PendingInvitation: {
            email: string;
            role: components["schemas"]["Role"];
            /** Format: date-time */
            expiresAt: string;
        };
        Member: {
            /** Format: uuid */
            userId: string;
            /** @description Null when the account is gone. */
            email: string | null;
            name: string | null;
            role: components["schemas"]["Role"];
            /** Format: date-time */
            joinedAt: string;
        };
        Domain: {
            /** @description Lower case; an internationalised name in its `xn--` form. */
            domain: string;
            /**
             * @description `pending`: never verified, holds no links. `verified`: proven and pointed at SMO1.
             *     `failing`: was verified, and the last check found the proof or the pointing gone; its
             *     links keep working while it is fixed.
             * @enum {unknown}
             */
            status: "pending" | "verified" | "failing";
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description When it was first verified.
             */
            verifiedAt: string | null;
            /** Format: date-time */
            checkedAt: string | null;
            /**
             * Format: date-time
             * @description The next background check; null when none is planned (a pending domain after a week).
             */
            nextCheckAt: string | null;
            /** @description Why the last check did not verify it, in words. */
            problem: string | null;
            /** @description The DNS records to add at the domain's DNS host. */
            records: {
                /** @enum {unknown} */
                type: "TXT" | "CNAME" | "A" | "AAAA";
                name: string;
                /** @description The TXT record's token only in the answer that made it; null elsewhere. */
                value: string | null;
                purpose: string;
            }[];
            settings: components["schemas"]["DomainSettings"];
        };
        /** @description Where the domain's visitors go; null is SMO1's own page. */
        DomainSettings: {
            /** @description The bare domain (`https://<domain>/`). */
            rootUrl?: string | null;
            /** @description A code the domain has no link for, instead of the 404 page. */
            notFoundUrl?: string | null;
            /** @description Its links that expired, were used up or disabled, when the link has no fallback of its own. */
            expiredUrl?: string | null;
        };
        ApiKey: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @description The secret, in the answer to the key's creation only. */
            key: string | null;
            /** @description The key's first 8 characters. */
            prefix: string;
            scopes: components["schemas"]["Scope"][];
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description To the minute.
             */
            lastUsedAt: string | null;
        };
        /** @description One click as the live view shows it (`watchLinkClicks`); no visitor, query or user agent. */
        LiveClick: {
            id: string;
            /** Format: date-time */
            at: string;
            /** @description ISO 3166-1 alpha-2; empty when unknown. */
            country: string;
            device: string;
            browser: string;
            os: string;
            bot: boolean;
            /** @description Empty when none. */
            referrerHost: string;
            /** @enum {string} */
            trigger: "link" | "qr";
            rule: number;
            variant: number;
        };
        /** @enum {string} */
        WebhookEventType: "link.created" | "link.updated" | "link.deleted";
        WebhookEndpoint: {
            /** Format: uuid */
            id: string;
            url: string;
            events: components["schemas"]["WebhookEventType"][];
            enabled: boolean;
            /** @description Why the platform disabled it (every attempt failed for a day); null otherwise. */
            disabledReason: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description The signing secret, in the answer of its creation only. */
            secret: string | null;
        };
        WebhookDelivery: {
            /** @description The message's `webhook-id`, the same in every attempt. */
            id: string;
            eventType: components["schemas"]["WebhookEventType"];
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            attempts: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            nextAttemptAt: string | null;
            /** @description Every attempt, newest first. */
            log: {
                attempt: number;
                /** Format: date-time */
                at: string;
                statusCode: number | null;
                latencyMs: number;
                responseExcerpt: string | null;
                error: string | null;
            }[];
        };
        AbuseReportRequest: {
            /** @description The short link, `https://<domain>/<code>` (the scheme may be left out). */
            url: string;
            /** @enum {string} */
            reason: "phishing" | "malware" | "spam" | "illegal" | "other";
            details?: string | null;
            /** @description How to reach the reporter, if they wish. */
            contact?: string | null;
        };
        AbuseReport: {
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            receivedAt: string;
            url: string;
            domain: string;
            code: string;
            /** @enum {string} */
            reason: "phishing" | "malware" | "spam" | "illegal" | "other";
            details: string | null;
            contact: string | null;
            /** @enum {string} */
            status: "open" | "actioned" | "dismissed";
            /** Format: date-time */
            resolvedAt: string | null;
            /** @description The id of the platform admin who resolved it. */
            resolvedBy: string | null;
        };
        AuditEntry: {
            id: number;
            /** Format: date-time */
            at: string;
            workspaceId: string | null;
            /**
             * @description `screening`: the malicious-URL sweep (`actorId`: the list); `system`: the platform itself (custom domains' checks).
             * @enum {string}
             */
            actorKind: "user" | "api_key" | "anonymous" | "system" | "screening";
            actorId: string | null;
            /** @enum {string} */
            action: "login.succeeded" | "login.failed" | "logout" | "sessions.revoked" | "user.signed_up" | "user.email_verified" | "user.email_changed" | "user.password_changed" | "user.password_reset" | "user.deleted" | "workspace.created" | "workspace.updated" | "workspace.deleted" | "member.invited" | "member.joined" | "member.role_changed" | "member.removed" | "api_key.created" | "api_key.revoked" | "link.deleted" | "domain.added" | "domain.verified" | "domain.updated" | "domain.challenge_renewed" | "domain.removed" | "link.blocked" | "link.unblocked" | "abuse_report.received" | "abuse_report.resolved";
            /** @description What was acted on (a key id, a user id, a link code). */
            target: string | null;
            details: {
                [key: string]: string;
            };
            /** @description The client's /24 (IPv4) or /48 (IPv6) network. */
            ipPrefix: string | null;
            userAgent: string | null;
        };
        TokenRequest: {
            token: string;
        };
        EmailRequest: {
            email: string;
        };
        ClickBatch: {
            /** @constant */
            format: 1;
            clicks: components["schemas"]["Click"][];
        };
        Click: {
            /** Format: uuid */
            id: string;
            domain: string;
            /** @description One a link could have. */
            code: string;
            /**
             * Format: date-time
             * @description ISO-8601, UTC.
             */
            at: string;
            /** @constant */
            source: "edge";
            country?: string | null;
            colo?: string | null;
            referrer?: string | null;
            userAgent?: string | null;
            query: string;
            visitor: string;
            /**
             * @description `qr` when the visit came from a scan of the link's QR code (its URL carries the scan
             *     marker `qr=1`, decision 0027); absent (from a Worker of before it) is `link`.
             * @enum {unknown}
             */
            trigger?: "link" | "qr";
            /** @description Position from 1 of the targeting rule that sent the visitor; absent or null for none. */
            rule?: number | null;
            /** @description Position from 1 of the A/B test variant the visitor was sent to; absent or null for none. */
            variant?: number | null;
        };
    };
    responses: {
        /** @description The link's redirect. */
        Redirect: {
            headers: {
                /**
                 * @description The target as the WHATWG URL standard serialises it (plain ASCII; a link made before
                 *     targets were normalised is normalised now), with the visit's query string appended,
                 *     percent-encoded alike, for links that forward it. For a link with rules or variants,
                 *     the target of the rule or variant this visit goes to.
                 */
                Location: string;
                /**
                 * @description `public, max-age=…` for 301 and 308, `no-store` for 302 and 307, and `no-store` for
                 *     every redirect of a link with rules or variants (the next visitor may go elsewhere).
                 */
                "Cache-Control": string;
                /**
                 * @description `smo1_variant=<index>; Path=/<code>; Max-Age=2592000; HttpOnly; SameSite=Lax` (and
                 *     `Secure` over HTTPS) when this visit was given a variant of the link's A/B test.
                 */
                "Set-Cookie"?: string;
                [name: string]: unknown;
            };
            content: {
                "text/html": string;
                "application/json": {
                    target: string;
                    redirectType: components["schemas"]["RedirectType"];
                };
            };
        };
        /** @description The link's redirect, without a body. */
        RedirectHead: {
            headers: {
                /** @description The target. */
                Location: string;
                /** @description `public, max-age=…` for 301 and 308, `no-store` for 302 and 307. */
                "Cache-Control": string;
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description No link has this code (HTML for browsers). */
        LinkNotFound: {
            headers: {
                /** @description `no-store` */
                "Cache-Control": string;
                /** @description `noindex` */
                "X-Robots-Tag": string;
                [name: string]: unknown;
            };
            content: {
                "text/html": string;
                "application/json": components["schemas"]["Error"] & {
                    /** @constant */
                    code: "not_found";
                };
            };
        };
        /** @description The link is disabled, expired or deleted (HTML for browsers). */
        LinkGone: {
            headers: {
                /** @description `no-store` */
                "Cache-Control": string;
                /** @description `noindex` */
                "X-Robots-Tag": string;
                [name: string]: unknown;
            };
            content: {
                "text/html": string;
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {unknown} */
                    code: "link_disabled" | "link_expired" | "link_deleted" | "link_exhausted";
                };
            };
        };
        /**
         * @description The platform took the link down for abuse (a malicious-URL list has its target, or a
         *     platform admin acted on a report; decision 0034): the same page on every domain and at the
         *     edge, never a fallback. HTML for browsers.
         */
        LinkBlocked: {
            headers: {
                /** @description `no-store` */
                "Cache-Control": string;
                /** @description `noindex` */
                "X-Robots-Tag": string;
                [name: string]: unknown;
            };
            content: {
                "text/html": string;
                "application/json": components["schemas"]["Error"] & {
                    /** @constant */
                    code: "link_blocked";
                };
            };
        };
        /**
         * @description The link's stored target cannot be sent in a `Location` header (a link made before targets
         *     were checked, with an invalid percent escape such as `%zz`); the node logs it once per
         *     link, and `GET /api/v1/admin/refused-targets` lists such links. HTML for browsers.
         */
        TargetUnavailable: {
            headers: {
                /** @description `no-store` */
                "Cache-Control": string;
                /** @description `noindex` */
                "X-Robots-Tag": string;
                [name: string]: unknown;
            };
            content: {
                "text/html": string;
                "application/json": components["schemas"]["Error"] & {
                    /** @constant */
                    code: "target_unavailable";
                };
            };
        };
        /** @description The link. */
        LinkAnswer: {
            headers: {
                "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Link"];
            };
        };
        /** @description The report. */
        AnalyticsAnswer: {
            headers: {
                "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["AnalyticsReport"];
            };
        };
        /** @description Accepted; the same body whether or not an account has the address. */
        Accepted: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    message: string;
                };
            };
        };
        /** @description Done. */
        Done: {
            headers: {
                "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Done; the session is revoked and both cookies cleared. */
        SessionEnded: {
            headers: {
                "Set-Cookie": components["headers"]["Set-Cookie-Cleared"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description A malformed body, an invalid parameter or an invalid emailed token. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {unknown} */
                    code: "malformed_json" | "invalid_type" | "unknown_field" | "invalid_parameter" | "invalid_token" | "bad_request";
                };
            };
        };
        /** @description No, a malformed, unknown, expired or revoked key; no, an expired or revoked session. */
        Unauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @constant */
                    code: "unauthorized";
                };
            };
        };
        /** @description A wrong email or password. */
        InvalidCredentials: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @constant */
                    code: "invalid_credentials";
                };
            };
        };
        /** @description No valid session (`unauthorized`), or a wrong password (`invalid_credentials`). */
        UnauthorizedOrInvalidCredentials: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {unknown} */
                    code: "unauthorized" | "invalid_credentials";
                };
            };
        };
        /**
         * @description A missing scope (`insufficient_scope`, with `WWW-Authenticate`), a wrong or missing CSRF
         *     token or another origin (`csrf_failed`), a call for another kind of caller or a
         *     non-admin (`forbidden`), an owner-only action (`owner_required`), a login before
         *     verifying (`email_not_verified`), a create beyond the workspace's plan (`quota_exceeded`,
         *     with `quota`: the limit, the use and the upgrade URL; nothing is created), a change to a
         *     link the platform took down (`link_blocked`: it can only be read or deleted).
         */
        Forbidden: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {unknown} */
                    code: "forbidden" | "insufficient_scope" | "csrf_failed" | "email_not_verified" | "owner_required" | "quota_exceeded" | "link_blocked" | "plan_required";
                };
            };
        };
        /** @description No such link, workspace, member or key, or one of another workspace. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {unknown} */
                    code: "not_found" | "not_a_member";
                };
            };
        };
        /** @description The request conflicts with the current state. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {unknown} */
                    code: "alias_taken" | "email_taken" | "slug_taken" | "already_member" | "last_owner" | "sole_owner" | "workspace_not_empty" | "limit_reached" | "domain_exists" | "domain_taken";
                };
            };
        };
        /** @description The body is over 64 KiB. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @constant */
                    code: "payload_too_large";
                };
            };
        };
        /** @description The body is not `application/json`. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @constant */
                    code: "unsupported_media_type";
                };
            };
        };
        /** @description A field's value is refused; `field` names it. */
        UnprocessableContent: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {unknown} */
                    code: "invalid_plan" | "invalid_target" | "target_is_short_domain" | "invalid_alias" | "reserved_alias" | "invalid_redirect_type" | "invalid_expiry" | "invalid_title" | "invalid_tags" | "invalid_rules" | "invalid_variants" | "invalid_utm" | "invalid_expired_url" | "invalid_preview" | "invalid_max_visits" | "invalid_password" | "nothing_to_update" | "invalid_email" | "weak_password" | "invalid_name" | "invalid_slug" | "invalid_scopes" | "invalid_domain" | "invalid_url" | "unsafe_target" | "unknown_link" | "invalid_reason" | "invalid_details" | "invalid_events" | "invalid_secret";
                };
            };
        };
        /** @description Over a rate limit. */
        RateLimited: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @constant */
                    code: "rate_limited";
                };
            };
        };
        /**
         * @description The request could not be completed in time (a link entity did not answer, the database is
         *     down), or the rate limit store is down for sign-up, login, reset, resend or abuse reports
         *     (`unavailable`); or a create or update's targets cannot be screened for malicious URLs now,
         *     the lists unreadable or Safe Browsing not answering (`screening_unavailable`: nothing was
         *     changed; screening fails closed).
         */
        Unavailable: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {unknown} */
                    code: "unavailable" | "screening_unavailable";
                };
            };
        };
        /**
         * @description This node has no ClickHouse (`analytics_not_configured`), a query ran into its time limit
         *     (`analytics_timeout`, `Retry-After: 5`), ClickHouse cannot be reached
         *     (`analytics_unavailable`, `Retry-After: 5`), or the link did not answer in time
         *     (`unavailable`).
         */
        AnalyticsUnavailable: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @enum {unknown} */
                    code: "analytics_not_configured" | "analytics_timeout" | "analytics_unavailable" | "unavailable";
                };
            };
        };
        /** @description An unexpected error (a bug; logged with its stack trace). */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & {
                    /** @constant */
                    code: "internal";
                };
            };
        };
    };
    parameters: {
        /**
         * @description The short code, case-sensitive.
         * @example docs
         */
        code: string;
        /**
         * @description The workspace's slug, its id.
         * @example ada-co
         */
        slug: string;
        /**
         * @description The custom domain the link is on (decision 0028); absent for the default domain. For the
         *     workspace's analytics: that domain's links.
         * @example links.example.com
         */
        linkDomain: string;
        /**
         * @description The custom domain, as stored (lower case, `xn--` form); read case-insensitively.
         * @example links.example.com
         */
        domain: string;
        /**
         * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
         *     it). A key may name its own workspace; any other answers 404.
         */
        workspace: string;
        /**
         * @description Makes the request safe to retry: 1 to 255 printable ASCII characters (space to `~`),
         *     bare (`Idempotency-Key: 8e03978e-40d5-43e8-bc93-6894a57f9324`) or as the IETF draft's
         *     Structured Field string (`Idempotency-Key: "8e03978e-…"`, the same key). A new random
         *     UUID per request is best. Anything else, or more than one such header, answers 400
         *     `invalid_idempotency_key`.
         * @example 8e03978e-40d5-43e8-bc93-6894a57f9324
         */
        idempotencyKey: string;
        /** @description The previous page's `nextCursor` (400 `invalid_parameter` for one this API did not issue). */
        cursor: string;
        /**
         * @description Start, inclusive: an instant with `Z` or an offset (URL-encode the `+`), or a date (the
         *     start of that day in `tz`). Default: `to` minus 7 days (`interval=day`) or 24 hours
         *     (`interval=hour`). The range is at most 400 days (31 with `interval=hour`), between
         *     2000-01-01 and 2100-01-01.
         * @example 2026-11-01
         */
        from: string;
        /** @description End, exclusive, as `from`. Default now. */
        to: string;
        /** @description The buckets of the series. */
        interval: components["schemas"]["Interval"];
        /** @description An IANA time zone id (`Europe/Paris`, `UTC`), not an offset. */
        tz: string;
        /** @description Values per dimension. */
        top: number;
        /** @description Whether clicks of robots (crawlers, previews, monitors, no user agent) count. */
        bots: "include" | "exclude";
    };
    requestBodies: never;
    headers: {
        /** @description `true` on an answer given again to a request sent again with its `Idempotency-Key`. */
        "Idempotent-Replayed": "true";
        /** @description Seconds to wait before trying again. */
        "Retry-After": number;
        /** @description Requests allowed in the current window (a minute). */
        "RateLimit-Limit": number;
        /** @description Requests left in the current window. */
        "RateLimit-Remaining": number;
        /** @description Seconds until the window ends. */
        "RateLimit-Reset": number;
        /**
         * @description `Bearer realm="smo1"`, with `error="invalid_request"` or `error="invalid_token"` when a
         *     key was sent, or `error="insufficient_scope", scope="…"` for a missing scope.
         */
        "WWW-Authenticate": string;
        /** @description Both cookies, `smo1_session` and `smo1_csrf`, cleared (`Max-Age=0`; two headers). */
        "Set-Cookie-Cleared": string;
    };
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    followLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The short code, case-sensitive.
                 * @example docs
                 */
                code: components["parameters"]["code"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description A password-protected link's password page (for a visitor without its access cookie),
             *     or a link-preview bot's page for a link with a `preview` (Open Graph and Twitter card
             *     tags, a link to the target).
             */
            200: {
                headers: {
                    /** @description `no-store` */
                    "Cache-Control": string;
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            301: components["responses"]["Redirect"];
            302: components["responses"]["Redirect"];
            307: components["responses"]["Redirect"];
            308: components["responses"]["Redirect"];
            /** @description A password-protected link, asked for as JSON without its access cookie (`password_required`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            404: components["responses"]["LinkNotFound"];
            410: components["responses"]["LinkGone"];
            429: components["responses"]["RateLimited"];
            451: components["responses"]["LinkBlocked"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["TargetUnavailable"];
            503: components["responses"]["Unavailable"];
        };
    };
    unlockLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The short code, case-sensitive.
                 * @example docs
                 */
                code: components["parameters"]["code"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    password: string;
                };
            };
        };
        responses: {
            /** @description Back to the link (with `Set-Cookie` when the password was right). */
            303: {
                headers: {
                    /** @description `/{code}` and the query the form was posted with. */
                    Location: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No password given (`bad_request`); the page again, HTML or JSON. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A wrong password (`wrong_password`); the page again, HTML or JSON. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                    "application/json": components["schemas"]["Error"];
                };
            };
            404: components["responses"]["LinkNotFound"];
            410: components["responses"]["LinkGone"];
            413: components["responses"]["PayloadTooLarge"];
            /** @description Too many attempts for this link, from this address or in all (`rate_limited`); `Retry-After` says when to try again. HTML for browsers. */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                    "application/json": components["schemas"]["Error"];
                };
            };
            451: components["responses"]["LinkBlocked"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    followLinkHead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The short code, case-sensitive.
                 * @example docs
                 */
                code: components["parameters"]["code"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A link-preview bot's page for a link with a `preview`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            301: components["responses"]["RedirectHead"];
            302: components["responses"]["RedirectHead"];
            307: components["responses"]["RedirectHead"];
            308: components["responses"]["RedirectHead"];
            /** @description No link has this code. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The link is disabled, expired, exhausted or deleted. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many unknown codes from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The platform took the link down for abuse. */
            451: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An unexpected error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The link's stored target cannot be sent in a `Location` header. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The link could not be resolved in time. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process runs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "alive";
                    };
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready to serve. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "ready";
                    };
                };
            };
            500: components["responses"]["InternalError"];
            /** @description Not ready, with the reasons. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "not_ready";
                        problems: string[];
                    };
                };
            };
        };
    };
    ingestClicks: {
        parameters: {
            query?: never;
            header: {
                /** @description Unix seconds, within 5 minutes of the node's clock; part of the signed text. */
                "X-SMO1-Timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClickBatch"];
            };
        };
        responses: {
            /** @description Every click is durable in the click stream. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Clicks in the batch. */
                        accepted: number;
                        /** @description Clicks of the batch the stream held already (not stored again). */
                        duplicates: number;
                    };
                };
            };
            /** @description A malformed batch; nothing stored. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @enum {unknown} */
                        code: "malformed_json" | "invalid_type" | "invalid_click_batch";
                    };
                };
            };
            /** @description A missing, stale or wrong signature; nothing stored. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @constant */
                        code: "invalid_signature";
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            /**
             * @description The click buffer is down (`unavailable`, with `Retry-After`: send the batch again), or
             *     this node takes no clicks (`clicks_not_configured`).
             */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @enum {unknown} */
                        code: "unavailable" | "clicks_not_configured";
                    };
                };
            };
        };
    };
    fetchVisitorSalt: {
        parameters: {
            query?: never;
            header: {
                /** @description Unix seconds, within 5 minutes of the node's clock; part of the signed text. */
                "X-SMO1-Timestamp": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date
                     * @description The UTC day, `YYYY-MM-DD`.
                     */
                    day: string;
                };
            };
        };
        responses: {
            /** @description The day's salt. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date */
                        day: string;
                        /** @description 32 random bytes in hex; the HMAC-SHA256 key of the day's pseudonyms. */
                        salt: string;
                        /**
                         * Format: date-time
                         * @description When the salt is dropped everywhere (26 hours after the day began).
                         */
                        expiresAt: string;
                    };
                };
            };
            /** @description A malformed request, or a day whose salt cannot be had now. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @enum {unknown} */
                        code: "malformed_json" | "invalid_type" | "unknown_field" | "invalid_parameter";
                    };
                };
            };
            /** @description A missing, stale or wrong signature. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @constant */
                        code: "invalid_signature";
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            /**
             * @description Redis is down (`unavailable`, with `Retry-After`), or this node has no click secret or
             *     no Redis (`clicks_not_configured`).
             */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @enum {unknown} */
                        code: "unavailable" | "clicks_not_configured";
                    };
                };
            };
        };
    };
    getOpenApi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    /** @description `public, max-age=300` */
                    "Cache-Control": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        openapi: string;
                        info: Record<string, never>;
                        paths: Record<string, never>;
                    };
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    listPlans: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The plans. */
            200: {
                headers: {
                    /** @description `public, max-age=60` */
                    "Cache-Control": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanList"];
                };
            };
        };
    };
    receiveStripeWebhook: {
        parameters: {
            query?: never;
            header: {
                "Stripe-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Received. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        received: true;
                        /** @enum {string} */
                        result: "processed" | "duplicate" | "ignored";
                    };
                };
            };
            /** @description A missing, wrong or stale signature, or a body that is no event (`invalid_signature`); nothing stored. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @enum {unknown} */
                        code: "invalid_signature" | "malformed_json";
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            /** @description Paid plans are not offered on this installation (`billing_unavailable`), or Stripe did not answer (`unavailable`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @enum {unknown} */
                        code: "billing_unavailable" | "unavailable";
                    };
                };
            };
        };
    };
    signUp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                    name: string;
                };
            };
        };
        responses: {
            /** @description The new user, not verified yet. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    verifyEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description The user, verified (or with the new address). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
        };
    };
    resendVerification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailRequest"];
            };
        };
        responses: {
            202: components["responses"]["Accepted"];
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    logIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description The user; a new session. */
            200: {
                headers: {
                    /**
                     * @description `smo1_session` (HttpOnly) and `smo1_csrf`, both `SameSite=Lax; Path=/`, 30 days
                     *     (two headers).
                     */
                    "Set-Cookie": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["InvalidCredentials"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    logOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: components["responses"]["SessionEnded"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
        };
    };
    requestPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailRequest"];
            };
        };
        responses: {
            202: components["responses"]["Accepted"];
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    confirmPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description The user; the cookies of this browser are cleared. */
            200: {
                headers: {
                    "Set-Cookie": components["headers"]["Set-Cookie-Cleared"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalError"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password: string;
                };
            };
        };
        responses: {
            204: components["responses"]["SessionEnded"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["UnauthorizedOrInvalidCredentials"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    currentPassword: string;
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Changed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["UnauthorizedOrInvalidCredentials"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalError"];
        };
    };
    changeEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            202: components["responses"]["Accepted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["UnauthorizedOrInvalidCredentials"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalError"];
        };
    };
    logOutEverywhere: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: components["responses"]["SessionEnded"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
        };
    };
    acceptInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description The workspace joined. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workspace"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listWorkspaces: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The workspaces. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["WorkspaceSummary"][];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    createWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: components["schemas"]["WorkspaceName"];
                    slug: components["schemas"]["Slug"];
                };
            };
        };
        responses: {
            /** @description The workspace; the caller is its owner. */
            201: {
                headers: {
                    /** @description `/api/v1/workspaces/{slug}` */
                    Location: string;
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workspace"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The workspace. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workspace"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: components["responses"]["Done"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    updateWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: components["schemas"]["WorkspaceName"];
                };
            };
        };
        responses: {
            /** @description The workspace. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workspace"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The members, in the order they joined. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Member"][];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                /** @description The member's user id. */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: components["responses"]["Done"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    changeMemberRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                /** @description The member's user id. */
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    role: components["schemas"]["Role"];
                };
            };
        };
        responses: {
            /** @description The member. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    inviteMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    role: components["schemas"]["Role"];
                };
            };
        };
        responses: {
            /** @description The pending invitation. */
            201: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PendingInvitation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The keys. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: (components["schemas"]["ApiKey"] & {
                            key: null;
                        })[];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    scopes: components["schemas"]["Scope"][];
                    /**
                     * Format: date-time
                     * @description An instant in the future, at most ten years ahead; absent or null for no expiry.
                     */
                    expiresAt?: string | null;
                };
            };
        };
        responses: {
            /** @description The key, with its secret. */
            201: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"] & {
                        key: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                /** @description The key's id. */
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: components["responses"]["Done"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listDomains: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The domains. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Domain"][];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    addDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A host name, like `links.example.com`; not one of SMO1's own. */
                    domain: string;
                };
            };
        };
        responses: {
            /** @description The domain, pending, with its TXT record's token. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Domain"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                /**
                 * @description The custom domain, as stored (lower case, `xn--` form); read case-insensitively.
                 * @example links.example.com
                 */
                domain: components["parameters"]["domain"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The domain. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Domain"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    removeDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                /**
                 * @description The custom domain, as stored (lower case, `xn--` form); read case-insensitively.
                 * @example links.example.com
                 */
                domain: components["parameters"]["domain"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: components["responses"]["Done"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    updateDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                /**
                 * @description The custom domain, as stored (lower case, `xn--` form); read case-insensitively.
                 * @example links.example.com
                 */
                domain: components["parameters"]["domain"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DomainSettings"];
            };
        };
        responses: {
            /** @description The domain, changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Domain"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    verifyDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                /**
                 * @description The custom domain, as stored (lower case, `xn--` form); read case-insensitively.
                 * @example links.example.com
                 */
                domain: components["parameters"]["domain"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The domain after the check. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Domain"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    renewDomainChallenge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                /**
                 * @description The custom domain, as stored (lower case, `xn--` form); read case-insensitively.
                 * @example links.example.com
                 */
                domain: components["parameters"]["domain"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The domain, with its TXT record's new token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Domain"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every endpoint, oldest first (no secrets). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["WebhookEndpoint"][];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description https (http too in the local profile); checked against SSRF (see the operation). */
                    url: string;
                    events: components["schemas"]["WebhookEventType"][];
                    /** @description `whsec_` and the base64 of 24 to 64 bytes (422 `invalid_secret` otherwise). */
                    secret?: string;
                };
            };
        };
        responses: {
            /** @description The endpoint, with its secret. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint (no secret). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description https (http too in the local profile); checked against SSRF (see the operation). */
                    url?: string;
                    events?: components["schemas"]["WebhookEventType"][];
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description The endpoint as it is now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description The previous page's `nextCursor` (400 `invalid_parameter` for one this API did not issue). */
                cursor?: components["parameters"]["cursor"];
                limit?: number;
            };
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of messages. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["WebhookDelivery"][];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    redeliverWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
                webhookId: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message, due now. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listAuditLog: {
        parameters: {
            query?: {
                /** @description The previous page's `nextCursor` (400 `invalid_parameter` for one this API did not issue). */
                cursor?: components["parameters"]["cursor"];
                /** @description Entries per page. */
                limit?: number;
            };
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["AuditEntry"][];
                        /** @description The next page's `cursor`; null on the last page. */
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    setWorkspacePlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    plan: string;
                    /** @description Only with `enterprise`; null or absent for the plan's own limits. */
                    limits?: components["schemas"]["PlanLimits"] | null;
                };
            };
        };
        responses: {
            /** @description The workspace's billing state, on the plan now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Billing"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            500: components["responses"]["InternalError"];
        };
    };
    getUsage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The usage. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Usage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getBilling: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The billing state. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Billing"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    startCheckout: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A paid self-serve plan's id (`pro`, `business`). */
                    plan: string;
                    /**
                     * @default month
                     * @enum {string}
                     */
                    interval?: "month" | "year";
                };
            };
        };
        responses: {
            /** @description Where to pay, or the changed subscription. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The Checkout page to send the user to; null when the subscription was changed instead. */
                        url: string | null;
                        subscription: components["schemas"]["Subscription"] | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            /** @description Paid plans are not offered on this installation (`billing_unavailable`), or Stripe did not answer (`unavailable`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @enum {unknown} */
                        code: "billing_unavailable" | "unavailable";
                    };
                };
            };
        };
    };
    openBillingPortal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The portal's page. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        url: string;
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            /** @description Paid plans are not offered on this installation (`billing_unavailable`), or Stripe did not answer (`unavailable`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @enum {unknown} */
                        code: "billing_unavailable" | "unavailable";
                    };
                };
            };
        };
    };
    listInvoices: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workspace's slug, its id.
                 * @example ada-co
                 */
                slug: components["parameters"]["slug"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The invoices. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invoices: components["schemas"]["Invoice"][];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            /** @description Paid plans are not offered on this installation (`billing_unavailable`), or Stripe did not answer (`unavailable`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @enum {unknown} */
                        code: "billing_unavailable" | "unavailable";
                    };
                };
            };
        };
    };
    listLinks: {
        parameters: {
            query?: {
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
                /** @description Links per page. */
                limit?: number;
                /** @description The links of this custom domain of the workspace; absent for the default domain's. */
                domain?: string;
                /** @description The previous page's `nextCursor` (400 `invalid_parameter` for one this API did not issue). */
                cursor?: components["parameters"]["cursor"];
                /** @description Only links carrying this tag. */
                tag?: string;
                /** @description Only links in this status; without it, every link but deleted ones. */
                status?: components["schemas"]["LinkStatus"];
                /** @description A case-insensitive substring of code, target or title (`%` and `_` are literal). */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of links. */
            200: {
                headers: {
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Link"][];
                        /** @description The next page's `cursor`; null on the last page. */
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    createLink: {
        parameters: {
            query?: {
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
            };
            header?: {
                /**
                 * @description Makes the request safe to retry: 1 to 255 printable ASCII characters (space to `~`),
                 *     bare (`Idempotency-Key: 8e03978e-40d5-43e8-bc93-6894a57f9324`) or as the IETF draft's
                 *     Structured Field string (`Idempotency-Key: "8e03978e-…"`, the same key). A new random
                 *     UUID per request is best. Anything else, or more than one such header, answers 400
                 *     `invalid_idempotency_key`.
                 * @example 8e03978e-40d5-43e8-bc93-6894a57f9324
                 */
                "Idempotency-Key"?: components["parameters"]["idempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LinkCreate"];
            };
        };
        responses: {
            /** @description The link. */
            201: {
                headers: {
                    /** @description `/api/v1/links/{code}` */
                    Location: string;
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Link"];
                };
            };
            /** @description A malformed body, or a malformed `Idempotency-Key` (or more than one). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @enum {unknown} */
                        code: "malformed_json" | "invalid_type" | "unknown_field" | "invalid_parameter" | "invalid_token" | "bad_request" | "invalid_idempotency_key";
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /**
             * @description The code is taken (`alias_taken`, replayed to a retry with its key), or an earlier
             *     attempt with the same `Idempotency-Key` is still running (`idempotency_key_in_use`:
             *     retry after `Retry-After`).
             */
            409: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @enum {unknown} */
                        code: "alias_taken" | "idempotency_key_in_use";
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /**
             * @description A field's value is refused (`field` names it; replayed to a retry with its key), or
             *     the `Idempotency-Key` was used with another body (`idempotency_key_reused`).
             */
            422: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @enum {unknown} */
                        code: "invalid_target" | "target_is_short_domain" | "invalid_alias" | "reserved_alias" | "invalid_redirect_type" | "invalid_expiry" | "invalid_title" | "invalid_tags" | "invalid_rules" | "invalid_variants" | "invalid_utm" | "invalid_expired_url" | "invalid_preview" | "invalid_max_visits" | "invalid_password" | "nothing_to_update" | "invalid_email" | "weak_password" | "invalid_name" | "invalid_slug" | "invalid_scopes" | "invalid_domain" | "idempotency_key_reused" | "unsafe_target";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    bulkCreateLinks: {
        parameters: {
            query?: {
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
            };
            header?: {
                /**
                 * @description Makes the request safe to retry: 1 to 255 printable ASCII characters (space to `~`),
                 *     bare (`Idempotency-Key: 8e03978e-40d5-43e8-bc93-6894a57f9324`) or as the IETF draft's
                 *     Structured Field string (`Idempotency-Key: "8e03978e-…"`, the same key). A new random
                 *     UUID per request is best. Anything else, or more than one such header, answers 400
                 *     `invalid_idempotency_key`.
                 * @example 8e03978e-40d5-43e8-bc93-6894a57f9324
                 */
                "Idempotency-Key"?: components["parameters"]["idempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    links: components["schemas"]["LinkCreate"][];
                };
            };
        };
        responses: {
            /** @description One result per item, in the order of the request. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkResults"];
                };
            };
            /** @description A malformed body, an unknown field, or a malformed `Idempotency-Key`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @enum {unknown} */
                        code: "malformed_json" | "invalid_type" | "unknown_field" | "invalid_parameter" | "bad_request" | "invalid_idempotency_key";
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description An earlier attempt with the same `Idempotency-Key` is still running; retry after `Retry-After`. */
            409: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @constant */
                        code: "idempotency_key_in_use";
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /**
             * @description No items or more than 100 (`invalid_items`, `field` names the array), or the
             *     `Idempotency-Key` was used with another body (`idempotency_key_reused`).
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @enum {unknown} */
                        code: "invalid_items" | "idempotency_key_reused";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    bulkDeleteLinks: {
        parameters: {
            query?: {
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
            };
            header?: {
                /**
                 * @description Makes the request safe to retry: 1 to 255 printable ASCII characters (space to `~`),
                 *     bare (`Idempotency-Key: 8e03978e-40d5-43e8-bc93-6894a57f9324`) or as the IETF draft's
                 *     Structured Field string (`Idempotency-Key: "8e03978e-…"`, the same key). A new random
                 *     UUID per request is best. Anything else, or more than one such header, answers 400
                 *     `invalid_idempotency_key`.
                 * @example 8e03978e-40d5-43e8-bc93-6894a57f9324
                 */
                "Idempotency-Key"?: components["parameters"]["idempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    codes: components["schemas"]["BulkCodes"];
                    domain?: string | null;
                };
            };
        };
        responses: {
            /** @description One result per item, in the order of the request. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkResults"];
                };
            };
            /** @description A malformed body, an unknown field, or a malformed `Idempotency-Key`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @enum {unknown} */
                        code: "malformed_json" | "invalid_type" | "unknown_field" | "invalid_parameter" | "bad_request" | "invalid_idempotency_key";
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description An earlier attempt with the same `Idempotency-Key` is still running; retry after `Retry-After`. */
            409: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @constant */
                        code: "idempotency_key_in_use";
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /**
             * @description No items or more than 100 (`invalid_items`, `field` names the array), or the
             *     `Idempotency-Key` was used with another body (`idempotency_key_reused`).
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @enum {unknown} */
                        code: "invalid_items" | "idempotency_key_reused";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    bulkUpdateLinks: {
        parameters: {
            query?: {
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
            };
            header?: {
                /**
                 * @description Makes the request safe to retry: 1 to 255 printable ASCII characters (space to `~`),
                 *     bare (`Idempotency-Key: 8e03978e-40d5-43e8-bc93-6894a57f9324`) or as the IETF draft's
                 *     Structured Field string (`Idempotency-Key: "8e03978e-…"`, the same key). A new random
                 *     UUID per request is best. Anything else, or more than one such header, answers 400
                 *     `invalid_idempotency_key`.
                 * @example 8e03978e-40d5-43e8-bc93-6894a57f9324
                 */
                "Idempotency-Key"?: components["parameters"]["idempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": ({
                    codes: components["schemas"]["BulkCodes"];
                    /** @description The links' custom domain; absent or null for the default one. */
                    domain?: string | null;
                    change?: components["schemas"]["LinkChange"];
                    status?: components["schemas"]["BulkStatus"];
                } | unknown | unknown) | {
                    items: ({
                        code: string;
                        domain?: string | null;
                        change?: components["schemas"]["LinkChange"];
                        status?: components["schemas"]["BulkStatus"];
                    } | unknown | unknown)[];
                };
            };
        };
        responses: {
            /** @description One result per item, in the order of the request. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkResults"];
                };
            };
            /** @description A malformed body, an unknown field, or a malformed `Idempotency-Key`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @enum {unknown} */
                        code: "malformed_json" | "invalid_type" | "unknown_field" | "invalid_parameter" | "bad_request" | "invalid_idempotency_key";
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description An earlier attempt with the same `Idempotency-Key` is still running; retry after `Retry-After`. */
            409: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @constant */
                        code: "idempotency_key_in_use";
                    };
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /**
             * @description No items or more than 100 (`invalid_items`, `field` names the array), or the
             *     `Idempotency-Key` was used with another body (`idempotency_key_reused`).
             */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @enum {unknown} */
                        code: "invalid_items" | "idempotency_key_reused";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getLink: {
        parameters: {
            query?: {
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
                /**
                 * @description The custom domain the link is on (decision 0028); absent for the default domain. For the
                 *     workspace's analytics: that domain's links.
                 * @example links.example.com
                 */
                domain?: components["parameters"]["linkDomain"];
            };
            header?: never;
            path: {
                /**
                 * @description The short code, case-sensitive.
                 * @example docs
                 */
                code: components["parameters"]["code"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LinkAnswer"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteLink: {
        parameters: {
            query?: {
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
                /**
                 * @description The custom domain the link is on (decision 0028); absent for the default domain. For the
                 *     workspace's analytics: that domain's links.
                 * @example links.example.com
                 */
                domain?: components["parameters"]["linkDomain"];
            };
            header?: never;
            path: {
                /**
                 * @description The short code, case-sensitive.
                 * @example docs
                 */
                code: components["parameters"]["code"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: components["responses"]["Done"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    updateLink: {
        parameters: {
            query?: {
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
                /**
                 * @description The custom domain the link is on (decision 0028); absent for the default domain. For the
                 *     workspace's analytics: that domain's links.
                 * @example links.example.com
                 */
                domain?: components["parameters"]["linkDomain"];
            };
            header?: never;
            path: {
                /**
                 * @description The short code, case-sensitive.
                 * @example docs
                 */
                code: components["parameters"]["code"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LinkChange"];
            };
        };
        responses: {
            200: components["responses"]["LinkAnswer"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    disableLink: {
        parameters: {
            query?: {
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
                /**
                 * @description The custom domain the link is on (decision 0028); absent for the default domain. For the
                 *     workspace's analytics: that domain's links.
                 * @example links.example.com
                 */
                domain?: components["parameters"]["linkDomain"];
            };
            header?: never;
            path: {
                /**
                 * @description The short code, case-sensitive.
                 * @example docs
                 */
                code: components["parameters"]["code"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LinkAnswer"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    enableLink: {
        parameters: {
            query?: {
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
                /**
                 * @description The custom domain the link is on (decision 0028); absent for the default domain. For the
                 *     workspace's analytics: that domain's links.
                 * @example links.example.com
                 */
                domain?: components["parameters"]["linkDomain"];
            };
            header?: never;
            path: {
                /**
                 * @description The short code, case-sensitive.
                 * @example docs
                 */
                code: components["parameters"]["code"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LinkAnswer"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description The link's custom domain is no verified domain of the workspace any more (removed, or pending again). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"] & {
                        /** @constant */
                        code: "invalid_domain";
                    };
                };
            };
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getLinkQrCode: {
        parameters: {
            query?: {
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
                /**
                 * @description The custom domain the link is on (decision 0028); absent for the default domain. For the
                 *     workspace's analytics: that domain's links.
                 * @example links.example.com
                 */
                domain?: components["parameters"]["linkDomain"];
                /** @description The image format. */
                format?: "svg" | "png";
                /** @description The image's side in pixels (an SVG's `width` and `height`). */
                size?: number;
                /** @description The quiet zone around the code, in modules (the QR standard asks for 4). */
                margin?: number;
                /**
                 * @description The error correction level: about 7% (`L`), 15% (`M`), 25% (`Q`) or 30% (`H`) of the
                 *     code may be damaged or covered and still read; a higher level makes a denser code.
                 */
                ecc?: "L" | "M" | "Q" | "H";
                /**
                 * @description The modules' colour, six hex digits in either case, with or without a leading `#` (URL-encoded as `%23`).
                 * @example 1a2b3c
                 */
                fg?: string;
                /** @description The background's colour, as `fg`. */
                bg?: string;
                /** @description `1` (or `true`) answers the image as an attachment, to save; else inline. The file name is `<code>-qr.svg` or `<code>-qr.png` either way. */
                download?: "0" | "1" | "false" | "true";
            };
            header?: never;
            path: {
                /**
                 * @description The short code, case-sensitive.
                 * @example docs
                 */
                code: components["parameters"]["code"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The QR code. */
            200: {
                headers: {
                    /** @description `inline; filename="<code>-qr.<svg|png>"`, or `attachment; …` with `download=1`. */
                    "Content-Disposition": string;
                    /** @description `private, max-age=300`: kept briefly by the caller's browser, never by a shared cache. */
                    "Cache-Control": string;
                    /** @description `nosniff` */
                    "X-Content-Type-Options": string;
                    /** @description `default-src 'none'`: an SVG opened on its own runs and loads nothing. */
                    "Content-Security-Policy": string;
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "image/svg+xml": string;
                    "image/png": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    watchLinkClicks: {
        parameters: {
            query?: {
                /**
                 * @description The custom domain the link is on (decision 0028); absent for the default domain. For the
                 *     workspace's analytics: that domain's links.
                 * @example links.example.com
                 */
                domain?: components["parameters"]["linkDomain"];
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
            };
            header?: never;
            path: {
                /**
                 * @description The short code, case-sensitive.
                 * @example docs
                 */
                code: components["parameters"]["code"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The events, until the client closes the connection. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example event: ready
                     *     data: {}
                     *
                     *     event: click
                     *     data: {"id":"0b6c…","at":"2026-12-07T10:00:00.123Z","country":"DE","device":"Phone","browser":"Chrome","os":"Android","bot":false,"referrerHost":"news.example","trigger":"qr","rule":0,"variant":0}
                     */
                    "text/event-stream": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["AnalyticsUnavailable"];
        };
    };
    getLinkAnalytics: {
        parameters: {
            query?: {
                /**
                 * @description The custom domain the link is on (decision 0028); absent for the default domain. For the
                 *     workspace's analytics: that domain's links.
                 * @example links.example.com
                 */
                domain?: components["parameters"]["linkDomain"];
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
                /**
                 * @description Start, inclusive: an instant with `Z` or an offset (URL-encode the `+`), or a date (the
                 *     start of that day in `tz`). Default: `to` minus 7 days (`interval=day`) or 24 hours
                 *     (`interval=hour`). The range is at most 400 days (31 with `interval=hour`), between
                 *     2000-01-01 and 2100-01-01.
                 * @example 2026-11-01
                 */
                from?: components["parameters"]["from"];
                /** @description End, exclusive, as `from`. Default now. */
                to?: components["parameters"]["to"];
                /** @description The buckets of the series. */
                interval?: components["parameters"]["interval"];
                /** @description An IANA time zone id (`Europe/Paris`, `UTC`), not an offset. */
                tz?: components["parameters"]["tz"];
                /** @description Values per dimension. */
                top?: components["parameters"]["top"];
                /** @description Whether clicks of robots (crawlers, previews, monitors, no user agent) count. */
                bots?: components["parameters"]["bots"];
            };
            header?: never;
            path: {
                /**
                 * @description The short code, case-sensitive.
                 * @example docs
                 */
                code: components["parameters"]["code"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["AnalyticsAnswer"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["AnalyticsUnavailable"];
        };
    };
    getWorkspaceAnalytics: {
        parameters: {
            query?: {
                /**
                 * @description The custom domain the link is on (decision 0028); absent for the default domain. For the
                 *     workspace's analytics: that domain's links.
                 * @example links.example.com
                 */
                domain?: components["parameters"]["linkDomain"];
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
                /**
                 * @description Start, inclusive: an instant with `Z` or an offset (URL-encode the `+`), or a date (the
                 *     start of that day in `tz`). Default: `to` minus 7 days (`interval=day`) or 24 hours
                 *     (`interval=hour`). The range is at most 400 days (31 with `interval=hour`), between
                 *     2000-01-01 and 2100-01-01.
                 * @example 2026-11-01
                 */
                from?: components["parameters"]["from"];
                /** @description End, exclusive, as `from`. Default now. */
                to?: components["parameters"]["to"];
                /** @description The buckets of the series. */
                interval?: components["parameters"]["interval"];
                /** @description An IANA time zone id (`Europe/Paris`, `UTC`), not an offset. */
                tz?: components["parameters"]["tz"];
                /** @description Values per dimension. */
                top?: components["parameters"]["top"];
                /** @description Whether clicks of robots (crawlers, previews, monitors, no user agent) count. */
                bots?: components["parameters"]["bots"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["AnalyticsAnswer"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["AnalyticsUnavailable"];
        };
    };
    exportLinks: {
        parameters: {
            query?: {
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
                format?: "csv" | "json";
                /** @description The links of this custom domain of the workspace; absent for the default domain's. */
                domain?: string;
                tag?: string;
                status?: components["schemas"]["LinkStatus"];
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The links, streamed. */
            200: {
                headers: {
                    /** @description `attachment` with a file name. */
                    "Content-Disposition": string;
                    "Cache-Control": "no-store";
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                    "application/json": components["schemas"]["Link"][];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    exportClicks: {
        parameters: {
            query?: {
                /**
                 * @description The workspace a session acts in (required for sessions: 400 `invalid_parameter` without
                 *     it). A key may name its own workspace; any other answers 404.
                 */
                workspace?: components["parameters"]["workspace"];
                /**
                 * @description Start, inclusive: an instant with `Z` or an offset (URL-encode the `+`), or a date (the
                 *     start of that day in `tz`). Default: `to` minus 7 days (`interval=day`) or 24 hours
                 *     (`interval=hour`). The range is at most 400 days (31 with `interval=hour`), between
                 *     2000-01-01 and 2100-01-01.
                 * @example 2026-11-01
                 */
                from?: components["parameters"]["from"];
                /** @description End, exclusive, as `from`. Default now. */
                to?: components["parameters"]["to"];
                /** @description An IANA time zone id (`Europe/Paris`, `UTC`), not an offset. */
                tz?: components["parameters"]["tz"];
                /** @description Whether clicks of robots (crawlers, previews, monitors, no user agent) count. */
                bots?: components["parameters"]["bots"];
                /** @description One link's clicks. */
                code?: string;
                domain?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The clicks as CSV with a header row, streamed. */
            200: {
                headers: {
                    /** @description `attachment` with a file name. */
                    "Content-Disposition": string;
                    "Cache-Control": "no-store";
                    /** @description The range was clamped to the plan's retention of this many days. */
                    "SMO1-Retention-Days"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["AnalyticsUnavailable"];
        };
    };
    rebuildProjections: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Progress, one line a second, then `done`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example links-read-model 1200/5000 links  links-redis-cache 900/5000 events  3s
                     *     done
                     */
                    "text/plain": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listRefusedTargets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One line per refused target, then the summary. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example s.test/k3Xb9Qz	invalid_target	502	target contains '%of', which is no percent escape (write a '%' itself as %25)	https://example.com/100%off
                     *     checked 1200 links: 1 targets refused by today's rules, 1 of them answer 502; 4 sent normalised
                     */
                    "text/plain": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    reportAbuse: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AbuseReportRequest"];
            };
        };
        responses: {
            /** @description The report is queued. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** @constant */
                        status: "open";
                        /** Format: date-time */
                        receivedAt: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listAbuseReports: {
        parameters: {
            query?: {
                status?: "open" | "actioned" | "dismissed" | "all";
                /** @description The previous page's `nextCursor` (400 `invalid_parameter` for one this API did not issue). */
                cursor?: components["parameters"]["cursor"];
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of reports. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["AbuseReport"][];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    dismissAbuseReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                reportId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AbuseReport"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    takeDownLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domain: string;
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                    /** Format: uuid */
                    reportId?: string;
                };
            };
        };
        responses: {
            /** @description The link, blocked. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        link: components["schemas"]["Link"];
                        alreadyBlocked: boolean;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    restoreLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domain: string;
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description The link as it is now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        link: components["schemas"]["Link"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listPlatformAuditLog: {
        parameters: {
            query?: {
                /** @description The previous page's `nextCursor` (400 `invalid_parameter` for one this API did not issue). */
                cursor?: components["parameters"]["cursor"];
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["AuditEntry"][];
                        nextCursor: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
}
