"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { AnalyticsPanel } from "@/components/analytics/AnalyticsPanel";
import { SelectField } from "@/components/Field";
import { PageHeader } from "@/components/States";
import { useCurrent } from "@/components/shell/WorkspaceContext";
import { domainChoices, domainFrom } from "@/lib/link-domain";
import { useDomains } from "@/lib/queries";

export function WorkspaceAnalyticsPage() {
  const { slug, workspace } = useCurrent();
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  // the API counts one domain's links at a time (none named: the default domain's)
  const domain = domainFrom(search);
  const domains = useDomains(slug ?? "");
  const choices = domainChoices(domains.data?.items ?? [], domain);

  function choose(next: string) {
    const params = new URLSearchParams(search);
    if (next) params.set("domain", next);
    else params.delete("domain");
    router.replace(`${pathname}?${params}`, { scroll: false });
  }

  return (
    <>
      <PageHeader
        title="Analytics"
        description={`Clicks of every link in ${workspace?.name ?? slug}${domain ? ` on ${domain}` : ""}. Bots are left out unless you include them.`}
      />
      {choices.length > 1 ? (
        <SelectField label="Domain" name="domain" value={domain ?? ""} onChange={(event) => choose(event.target.value)} className="mb-5 max-w-xs">
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </SelectField>
      ) : null}
      <AnalyticsPanel workspace={slug ?? ""} domain={domain} />
    </>
  );
}
