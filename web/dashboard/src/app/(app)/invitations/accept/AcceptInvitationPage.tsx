"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/Button";
import { FormError } from "@/components/Field";
import { Card, PageHeader } from "@/components/States";
import { useCurrent } from "@/components/shell/WorkspaceContext";
import { api } from "@/lib/api";
import { isApiError, unwrap } from "@/lib/errors";
import { href } from "@/lib/navigation";
import { keys } from "@/lib/queries";
import { rememberWorkspace } from "@/lib/workspace";

/** The emailed invitation's page (signed in: the shell sends others to log in and back here). */
export function AcceptInvitationPage() {
  const token = useSearchParams().get("token") ?? "";
  const { me } = useCurrent();
  const router = useRouter();
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/invitations/accept", { body: { token } })),
    onSuccess: async (workspace) => {
      rememberWorkspace(workspace.slug);
      await queryClient.invalidateQueries({ queryKey: keys.workspaces });
      await queryClient.invalidateQueries({ queryKey: keys.me });
      router.push(href("/links/", workspace.slug));
    },
  });
  return (
    <>
      <PageHeader title="Join a workspace" />
      <Card className="max-w-xl space-y-4">
        {!token ? (
          <p>This page needs the link from your invitation email.</p>
        ) : (
          <>
            <p>
              You are signed in as <strong>{me.email}</strong>. Accept the invitation to join the workspace with the role it offers.
            </p>
            <FormError message={accept.error?.message} />
            {isApiError(accept.error, "invalid_token") ? (
              <p className="text-sm">
                An invitation works once, for 7 days, and only for the address it was sent to. If it went to another address, log out and log in with that one.
              </p>
            ) : null}
            {isApiError(accept.error, "already_member") ? (
              <p className="text-sm">
                <Link href="/links/">Go to your links</Link>
              </p>
            ) : null}
            <Button variant="primary" onClick={() => accept.mutate()} pending={accept.isPending}>
              Accept invitation
            </Button>
          </>
        )}
      </Card>
    </>
  );
}
